package cn.healthcard.lifecycle.ui;

import cn.healthcard.lifecycle.CardRequestData;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.Withdrawal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Maps the lifecycle forms' values (forms/loss-report.form …) to and from {@link CardRequestData}. */
final class RequestFormValues {

    private static final Set<String> COMMON = Set.of("cardNo", "applicantPhone", "identityDocumentType",
            "identityDocumentNumber", "reviewComment");
    private static final Set<String> DATES = Set.of("lossDate", "lockDate");

    private RequestFormValues() {
    }

    static CardRequestData toData(FormValues v) {
        Map<String, Object> details = new LinkedHashMap<>();
        v.asMap().forEach((k, value) -> {
            if (!COMMON.contains(k) && !Withdrawal.REASON_FIELD.equals(k)) {
                details.put(k, value);
            }
        });
        return new CardRequestData(v.string("cardNo"), v.string("applicantPhone"), v.string("identityDocumentType"),
                v.string("identityDocumentNumber"), details);
    }

    /** Stored form data (JSON types) back into the form's value types. */
    static Map<String, Object> toValues(Map<String, Object> stored) {
        Map<String, Object> v = new LinkedHashMap<>(stored);
        DATES.forEach(k -> {
            if (v.get(k) instanceof String s && !s.isBlank()) {
                v.put(k, LocalDate.parse(s));
            }
        });
        if (v.get("feeAmount") != null) {
            v.put("feeAmount", new BigDecimal(v.get("feeAmount").toString()));
        }
        return v;
    }
}
