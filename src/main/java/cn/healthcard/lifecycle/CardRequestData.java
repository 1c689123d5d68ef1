package cn.healthcard.lifecycle;

import java.util.Map;

/**
 * What the clerk enters for a request (forms/&lt;type&gt;.form, or the API body): the card, the applicant's phone,
 * the identity document shown (it must be the card holder's), and the type's own fields in {@code details}
 * (e.g. {@code lossReason}, {@code lockDate}, {@code replacementReason}, {@code changes}).
 */
public record CardRequestData(String cardNo, String applicantPhone, String identityDocumentType,
                              String identityDocumentNumber, Map<String, Object> details) {

    public Object detail(String key) {
        return details == null ? null : details.get(key);
    }

    public String text(String key) {
        Object v = detail(key);
        return v == null || v.toString().isBlank() ? null : v.toString().trim();
    }

    public boolean flag(String key) {
        Object v = detail(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    @Override
    public String toString() {
        return "CardRequestData[cardNo=" + cardNo + ", personal data hidden]";
    }
}
