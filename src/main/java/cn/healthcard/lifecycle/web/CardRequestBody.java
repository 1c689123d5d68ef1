package cn.healthcard.lifecycle.web;

import cn.healthcard.lifecycle.CardRequestData;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a lifecycle request (附表1–4, 注销): who applies and with which document, and the type's own
 * fields. Each type is a record with bean validation (400 naming the property when a field is missing, too long or of
 * the wrong form); the rules that need the card, the holder or several fields together stay in the service
 * ({@code RequestRules}), so the API, the clerk's form and the process check the same things.
 */
sealed interface CardRequestBody permits LossReportRequest, UnlossRequest, UnlockRequest, ReplacementRequest,
        CancellationRequest {

    /** A mobile number (11 digits from 1) or a landline with its area code, as the forms accept. */
    String PHONE = "\\s*(1\\d{10}|0\\d{2,3}-?\\d{7,8})\\s*";
    String PHONE_MESSAGE = "「联系电话」应为11位手机号或带区号的固定电话";
    /** yyyy-MM-dd; whether it is a real day not after today is the service's rule. */
    String DATE = "\\s*\\d{4}-\\d{2}-\\d{2}\\s*";

    String applicantPhone();

    String identityDocumentType();

    String identityDocumentNumber();

    /** The type's own fields under the keys of its form definition (forms/&lt;type&gt;.form); absent ones left out. */
    Map<String, Object> details();

    /** What the service takes: the same data the clerk's form produces. */
    default CardRequestData data(String cardNo) {
        Map<String, Object> details = new LinkedHashMap<>();
        details().forEach((k, v) -> {
            if (v != null) {
                details.put(k, v);
            }
        });
        return new CardRequestData(cardNo, applicantPhone(), identityDocumentType(), identityDocumentNumber(),
                details);
    }

    /** A map that keeps null values (Map.of does not), for {@link #details()}. */
    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }
}
