package cn.healthcard.report;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The printable page of an electronic health card's static QR code (电子健康卡静态二维码, EHC-04): the code as an image
 * and the masked holder data beside it. Every field is required; the document number arrives masked (a complete
 * resident ID number is refused).
 *
 * @param ehcId                the e-card ID (电子健康卡ID), upper-case hex
 * @param qrPng                the QR code image of {@code <ehcId>:1}, PNG
 * @param nameMasked           the holder's name, masked (e.g. 张*三)
 * @param documentTypeName     the document type as printed, e.g. 居民身份证
 * @param documentNumberMasked the document number, masked
 * @param statusName           the e-card's status as printed, e.g. 正常
 * @param institutionName      the institution that prints the page
 * @param printedBy            the clerk who prints it (经办人)
 */
public record EhcQrPrint(String ehcId, byte[] qrPng, String nameMasked, String documentTypeName,
                         String documentNumberMasked, String statusName, String institutionName, String printedBy) {

    /** The template of this page in {@code reports/}. */
    static final String TEMPLATE = "ehc-qr-card";

    private static final Pattern FULL_RESIDENT_ID = Pattern.compile("\\d{17}[\\dXx]");

    public EhcQrPrint {
        Objects.requireNonNull(ehcId, "ehcId");
        Objects.requireNonNull(qrPng, "qrPng");
        Objects.requireNonNull(nameMasked, "nameMasked");
        Objects.requireNonNull(documentTypeName, "documentTypeName");
        Objects.requireNonNull(documentNumberMasked, "documentNumberMasked");
        Objects.requireNonNull(statusName, "statusName");
        Objects.requireNonNull(institutionName, "institutionName");
        Objects.requireNonNull(printedBy, "printedBy");
        if (FULL_RESIDENT_ID.matcher(documentNumberMasked).matches()) {
            throw new IllegalArgumentException("EhcQrPrint: documentNumberMasked must be masked, not a complete "
                    + "document number");
        }
    }

    /** The template values: every text field by its name. */
    public Map<String, String> toValues() {
        return Map.ofEntries(
                entry("ehcId", ehcId),
                entry("nameMasked", nameMasked),
                entry("documentTypeName", documentTypeName),
                entry("documentNumberMasked", documentNumberMasked),
                entry("statusName", statusName),
                entry("institutionName", institutionName),
                entry("printedBy", printedBy));
    }

    /** The template images: {@code qr}. */
    public Map<String, byte[]> toImages() {
        return Map.of("qr", qrPng);
    }

    @Override
    public String toString() {
        return "EhcQrPrint[ehcId=" + ehcId + ", holder masked]";
    }
}
