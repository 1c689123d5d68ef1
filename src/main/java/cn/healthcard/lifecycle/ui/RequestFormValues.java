package cn.healthcard.lifecycle.ui;

import cn.healthcard.lifecycle.CardRequestData;

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

    static CardRequestData toData(Map<String, Object> v) {
        Map<String, Object> details = new LinkedHashMap<>();
        v.forEach((k, value) -> {
            if (!COMMON.contains(k)) {
                details.put(k, value);
            }
        });
        return new CardRequestData(str(v.get("cardNo")), str(v.get("applicantPhone")),
                str(v.get("identityDocumentType")), str(v.get("identityDocumentNumber")), details);
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

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
