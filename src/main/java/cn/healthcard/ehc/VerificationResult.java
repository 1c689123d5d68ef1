package cn.healthcard.ehc;

import java.time.Instant;

/**
 * The answer to a verification: the resident identified (masked, with the master index ID), or exactly why not.
 * On a refusal every field but {@code reason}, {@code message}, {@code codeType} (when the text could be read) and
 * {@code verifiedAt} is null; nothing about the person is disclosed.
 *
 * @param birthYear  the year of birth only (the full date is personal data)
 * @param validUntil the expiry of a dynamic code
 */
public record VerificationResult(boolean verified, RefusalReason reason, String message, QrCode.Type codeType,
                                 String masterIndexId, String nameMasked, String sexCode, Integer birthYear,
                                 String documentType, String documentNumberMasked, EhcStatus ehcStatus,
                                 Instant validUntil, Instant verifiedAt) {

    static VerificationResult refused(RefusalReason reason, QrCode.Type type, Instant at) {
        return new VerificationResult(false, reason, reason.message(), type, null, null, null, null, null, null, null,
                null, at);
    }
}
