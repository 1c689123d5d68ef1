package cn.healthcard.lifecycle.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.IdNumber;
import cn.healthcard.lifecycle.CardRequestData;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ProductionRequest;
import cn.healthcard.resident.ResidentService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the lifecycle forms (seed 001 附表1–4, §12–13), one place for every entry path. Messages are Chinese
 * and name the field.
 */
@Component
public class RequestRules {

    private static final Pattern PHONE = Pattern.compile("^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$");
    private static final Set<String> REASONS = Set.of("LOST", "DAMAGED", "INFO_CHANGE", "OTHER");
    private static final Set<String> CHANGEABLE = Set.of("name", "sex", "ethnicity", "birthDate", "phone", "address",
            "bloodTypeAbo", "bloodTypeRh", "medicalAlerts");

    private final ResidentService residents;
    private final ProductionOrders production;
    private final Clock clock;

    RequestRules(ResidentService residents, ProductionOrders production, Clock clock) {
        this.residents = residents;
        this.production = production;
        this.clock = clock;
    }

    public List<FieldViolation> violations(RequestType type, CardRequestData d) {
        List<FieldViolation> v = new ArrayList<>();
        if (d.cardNo() == null || !d.cardNo().trim().matches("\\d{10,32}")) {
            v.add(new FieldViolation("cardNo", "「健康卡卡号」应为10–32位数字"));
        }
        if (d.applicantPhone() == null || !PHONE.matcher(d.applicantPhone().trim()).matches()) {
            v.add(new FieldViolation("applicantPhone", "「联系电话」应为11位手机号或带区号的固定电话"));
        }
        if (d.identityDocumentType() == null || !CodeTables.documentTypes().contains(d.identityDocumentType())) {
            v.add(new FieldViolation("identityDocumentType", "请选择「证件类型」"));
        } else if (d.identityDocumentNumber() == null || d.identityDocumentNumber().isBlank()) {
            v.add(new FieldViolation("identityDocumentNumber", "请填写「证件号码」"));
        } else if ("01".equals(d.identityDocumentType())) {
            try {
                IdNumber.parse(d.identityDocumentNumber());
            } catch (DomainValidationException e) {
                v.add(new FieldViolation("identityDocumentNumber", e.violations().get(0).message()));
            }
        }
        switch (type) {
            case LOSS_REPORT -> {
                required(v, d, "lossReason", "挂失原因", 200);
                pastDate(v, d, "lossDate", "丢失日期", false);
            }
            case UNLOSS -> {
                required(v, d, "unlossReason", "解挂原因", 200);
                if (!d.flag("cardPresented")) {
                    v.add(new FieldViolation("cardPresented", "解挂须出示本人健康卡实物"));
                }
            }
            case UNLOCK -> {
                required(v, d, "lockReason", "密码锁定原因", 200);
                pastDate(v, d, "lockDate", "密码锁定日期", true);
                if (!d.flag("cardPresented")) {
                    v.add(new FieldViolation("cardPresented", "解锁须出示本人健康卡实物"));
                }
            }
            case REPLACEMENT -> replacementViolations(v, d);
            case CANCELLATION -> required(v, d, "cancellationReason", "注销原因", 200);
        }
        return v;
    }

    private void replacementViolations(List<FieldViolation> v, CardRequestData d) {
        String reason = d.text("replacementReason");
        if (reason == null || !REASONS.contains(reason)) {
            v.add(new FieldViolation("replacementReason", "请选择「补领原因」"));
            return;
        }
        if ("OTHER".equals(reason)) {
            required(v, d, "otherReason", "其他原因", 100);
        }
        if (!"LOST".equals(reason) && !d.flag("oldCardReturned")) {
            v.add(new FieldViolation("oldCardReturned", "除丢失外，补领须交回原卡"));
        }
        List<Map<String, String>> changes = changes(d.detail("changes"));
        if ("INFO_CHANGE".equals(reason) && changes.isEmpty()) {
            v.add(new FieldViolation("changes", "信息变更补领请填写「变更条目」"));
        }
        for (int i = 0; i < changes.size(); i++) {
            Map<String, String> c = changes.get(i);
            String row = "第" + (i + 1) + "行：";
            if (c.get("item") == null || !CHANGEABLE.contains(c.get("item"))) {
                v.add(new FieldViolation("changes", row + "「条目名称」不可变更或无效"));
            } else if (c.get("newValue") == null || c.get("newValue").isBlank()) {
                v.add(new FieldViolation("changes", row + "请填写「变更后内容」"));
            }
        }
        BigDecimal fee = fee(d);
        if (fee == null || fee.signum() < 0 || fee.compareTo(new BigDecimal("1000")) > 0) {
            v.add(new FieldViolation("feeAmount", "请填写「工本费」(0–1000元)"));
        }
    }

    /** Refusals that depend on the card's status beyond the state machine (LC-01: while lost, only loss replacement). */
    public void checkCardState(RequestType type, CardStatus status, CardRequestData d) {
        if (type != RequestType.REPLACEMENT) {
            return;
        }
        boolean lost = "LOST".equals(d.text("replacementReason"));
        if (status == CardStatus.REPORTED_LOST && !lost) {
            throw new ConflictException("CARD_REPORTED_LOST", "卡片已挂失，挂失期间只能办理丢失补领");
        }
        if (lost && status != CardStatus.REPORTED_LOST) {
            throw new ConflictException("LOSS_NOT_REPORTED", "丢失补领前请先办理挂失");
        }
    }

    /** The replacement fee (LC-04: borne by the resident), or null. */
    public BigDecimal fee(CardRequestData d) {
        Object f = d.detail("feeAmount");
        if (f == null || f.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(f.toString().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(-1);
        }
    }

    /** The reason recorded with the card event. */
    public String reason(RequestType type, Map<String, Object> form) {
        Object r = switch (type) {
            case LOSS_REPORT -> form.get("lossReason");
            case UNLOSS -> form.get("unlossReason");
            case UNLOCK -> form.get("lockReason");
            case REPLACEMENT -> "OTHER".equals(form.get("replacementReason")) ? form.get("otherReason")
                    : form.get("replacementReason");
            case CANCELLATION -> form.get("cancellationReason");
        };
        return r == null ? type.nameZh() : r.toString();
    }

    /** Problems the replacement's changes would cause in the resident record (validated as a registration is). */
    public List<FieldViolation> changeViolations(RequestType type, String residentId, CardRequestData d) {
        List<Map<String, String>> changes = changes(d.detail("changes"));
        if (type != RequestType.REPLACEMENT || changes.isEmpty()) {
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        changes.forEach(c -> values.put(c.get("item"), c.get("newValue") == null ? "" : c.get("newValue").trim()));
        return residents.changeViolations(residentId, values);
    }

    /** The change table with each row's 原内容 taken from the resident record (an audited read), as 附表4 records it. */
    public CardRequestData withOldValues(RequestType type, CardRequestData d, String residentId) {
        List<Map<String, String>> changes = changes(d.detail("changes"));
        if (type != RequestType.REPLACEMENT || changes.isEmpty()) {
            return d;
        }
        Map<String, String> current = residents.currentValues(residentId, "补换变更条目原内容");
        List<Map<String, String>> filled = changes.stream().map(c -> {
            Map<String, String> row = new LinkedHashMap<>(c);
            row.put("oldValue", current.get(c.get("item")));
            return row;
        }).toList();
        Map<String, Object> details = new LinkedHashMap<>(d.details());
        details.put("changes", filled);
        return new CardRequestData(d.cardNo(), d.applicantPhone(), d.identityDocumentType(),
                d.identityDocumentNumber(), details);
    }

    /** Applies the replacement's change table to the resident record (validated as a new registration would be). */
    public void applyResidentChanges(String residentId, Map<String, Object> form) {
        List<Map<String, String>> changes = changes(form.get("changes"));
        if (!changes.isEmpty()) {
            Map<String, String> values = new LinkedHashMap<>();
            changes.forEach(c -> values.put(c.get("item"), c.get("newValue").trim()));
            residents.applyChanges(residentId, values);
        }
    }

    public void requestProduction(String caseId, String residentId, String regionCode, String institutionCode) {
        production.requestCardProduction(new ProductionRequest(caseId, residentId, regionCode, institutionCode));
    }

    /**
     * Whether {@code cardNo} is the card production now holds for the case in a replacement round (an earlier card of
     * the case was voided in transit, and this number is the case's order's and not void): the one card the case may
     * take at its pick-up in place of the void one.
     */
    public boolean isReplacementRoundCard(String caseId, String cardNo) {
        return production.inReplacementRound(caseId) && !production.isVoid(cardNo)
                && production.ofCase(caseId).map(o -> cardNo.equals(o.cardNo())).orElse(false);
    }

    /** Whether production voided this number (lost or damaged in transit): it must never be issued. */
    public boolean isVoid(String cardNo) {
        return production.isVoid(cardNo);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, String>> changes(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                Map<String, String> row = new LinkedHashMap<>();
                m.forEach((k, v) -> row.put(String.valueOf(k), v == null ? null : v.toString()));
                rows.add(row);
            } else if (o != null && o.getClass().isRecord()) {
                rows.add(fromRecord(o));
            } else {
                // e.g. "changes":[1] from an API client: a row must be an object with item / newValue
                throw new DomainValidationException("changes", "「变更条目」每一行须包含「条目名称」和「变更后内容」");
            }
        }
        return rows;
    }

    private static Map<String, String> fromRecord(Object change) {
        Map<String, String> row = new LinkedHashMap<>();
        for (var c : change.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(change);
                row.put(c.getName(), v == null ? null : v.toString());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("unreadable change row", e);
            }
        }
        return row;
    }

    private static void required(List<FieldViolation> v, CardRequestData d, String key, String label, int max) {
        String text = d.text(key);
        if (text == null) {
            v.add(new FieldViolation(key, "请填写「" + label + "」"));
        } else if (text.length() > max) {
            v.add(new FieldViolation(key, "「" + label + "」最多" + max + "个字符"));
        }
    }

    private void pastDate(List<FieldViolation> v, CardRequestData d, String key, String label, boolean required) {
        Object value = d.detail(key);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                v.add(new FieldViolation(key, "请填写「" + label + "」"));
            }
            return;
        }
        try {
            LocalDate date = value instanceof LocalDate l ? l : LocalDate.parse(value.toString().trim());
            if (date.isAfter(LocalDate.now(clock))) {
                v.add(new FieldViolation(key, "「" + label + "」不能晚于今天"));
            }
        } catch (DateTimeParseException e) {
            v.add(new FieldViolation(key, "「" + label + "」应为日期 (yyyy-MM-dd)"));
        }
    }
}
