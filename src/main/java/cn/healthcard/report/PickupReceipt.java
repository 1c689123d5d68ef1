package cn.healthcard.report;

import static java.util.Map.entry;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * The data printed on a resident's pick-up receipt (居民健康卡领卡签收单, APP-12). Every field except
 * {@code agentDocumentMasked} is required. Personal document numbers arrive already masked and are printed as given.
 *
 * @param applicationId         the card application's ID (申请编号)
 * @param cardNo                the health card number (健康卡卡号)
 * @param residentName          the card holder's name
 * @param sexName               the holder's sex as printed, e.g. 男
 * @param documentTypeName      the holder's document type as printed, e.g. 居民身份证
 * @param documentNumberMasked  the holder's document number, masked
 * @param institutionName       the issuing institution (发卡机构)
 * @param institutionRegionName the issuing institution's region, e.g. 北京市东城区
 * @param pickedUpAt            when the card was handed over
 * @param pickedUpByName        who collected the card: the holder or an agent
 * @param pickedUpByRelation    {@value #SELF} when the holder collected the card, else the agent's relation to the
 *                              holder, e.g. 配偶
 * @param agentDocumentMasked   the agent's document number, masked; {@code null} when the holder collected the card
 * @param clerkName             the clerk who handed the card over (经办人)
 */
public record PickupReceipt(String applicationId, String cardNo, String residentName, String sexName,
                            String documentTypeName, String documentNumberMasked, String institutionName,
                            String institutionRegionName, LocalDateTime pickedUpAt, String pickedUpByName,
                            String pickedUpByRelation, String agentDocumentMasked, String clerkName) {

    /** The relation that marks a pick-up by the card holder. */
    public static final String SELF = "本人";

    /** The template of this document in {@code reports/}. */
    static final String TEMPLATE = "pickup-receipt";

    private static final String NONE = "—";

    public PickupReceipt {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(cardNo, "cardNo");
        Objects.requireNonNull(residentName, "residentName");
        Objects.requireNonNull(sexName, "sexName");
        Objects.requireNonNull(documentTypeName, "documentTypeName");
        Objects.requireNonNull(documentNumberMasked, "documentNumberMasked");
        Objects.requireNonNull(institutionName, "institutionName");
        Objects.requireNonNull(institutionRegionName, "institutionRegionName");
        Objects.requireNonNull(pickedUpAt, "pickedUpAt");
        Objects.requireNonNull(pickedUpByName, "pickedUpByName");
        Objects.requireNonNull(pickedUpByRelation, "pickedUpByRelation");
        Objects.requireNonNull(clerkName, "clerkName");
    }

    /** Whether the card holder collected the card in person. */
    public boolean bySelf() {
        return SELF.equals(pickedUpByRelation);
    }

    /**
     * The template values: every component by its name, {@code pickedUpAt} as {@code 2026年11月22日 14:05},
     * {@code agentDocumentMasked} as {@code —} when absent, and {@code pickedUpBy} as {@code 本人：张三} or
     * {@code 代领：李四（配偶）}.
     */
    public Map<String, String> toValues() {
        return Map.ofEntries(
                entry("applicationId", applicationId),
                entry("cardNo", cardNo),
                entry("residentName", residentName),
                entry("sexName", sexName),
                entry("documentTypeName", documentTypeName),
                entry("documentNumberMasked", documentNumberMasked),
                entry("institutionName", institutionName),
                entry("institutionRegionName", institutionRegionName),
                entry("pickedUpAt", ReportFormats.dateTime(pickedUpAt)),
                entry("pickedUpByName", pickedUpByName),
                entry("pickedUpByRelation", pickedUpByRelation),
                entry("pickedUpBy", bySelf()
                        ? SELF + "：" + pickedUpByName
                        : "代领：" + pickedUpByName + "（" + pickedUpByRelation + "）"),
                entry("agentDocumentMasked",
                        agentDocumentMasked == null || agentDocumentMasked.isBlank() ? NONE : agentDocumentMasked),
                entry("clerkName", clerkName));
    }
}
