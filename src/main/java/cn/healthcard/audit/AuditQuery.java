package cn.healthcard.audit;

import java.time.LocalDate;

/**
 * What an auditor or supervisor searches the audit trail for. Every filter is optional (null or blank = any); the
 * filters that are set must all match. The caller's region always narrows the search further.
 *
 * @param cardNo         exact card number
 * @param documentType   document type code (with {@code documentNumber}; searched through its keyed hash)
 * @param documentNumber the resident's document number (never stored or indexed in plaintext)
 * @param name           the resident's full name (searched through its keyed hash)
 * @param institution    institution code of the acting user
 * @param regionCode     GB/T 2260 code; the region and every region below it
 * @param eventType      e.g. {@code CardStatusChanged}, {@code TaskCompleted}
 * @param actor          user name of whoever acted
 * @param from           first day (China time), inclusive
 * @param to             last day (China time), inclusive
 * @param text           words of a reason or detail, matched as a phrase (Chinese characters in this order)
 */
public record AuditQuery(String cardNo, String documentType, String documentNumber, String name, String institution,
                         String regionCode, String eventType, String actor, LocalDate from, LocalDate to,
                         String text) {

    /** No filter at all: the whole trail within the caller's region. */
    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, null);
    }

    public AuditQuery withCardNo(String value) {
        return new AuditQuery(value, documentType, documentNumber, name, institution, regionCode, eventType, actor,
                from, to, text);
    }

    public AuditQuery withDocument(String type, String number) {
        return new AuditQuery(cardNo, type, number, name, institution, regionCode, eventType, actor, from, to, text);
    }

    public AuditQuery withName(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, value, institution, regionCode, eventType, actor,
                from, to, text);
    }

    public AuditQuery withInstitution(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, value, regionCode, eventType, actor, from,
                to, text);
    }

    public AuditQuery withRegion(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, value, eventType, actor, from,
                to, text);
    }

    public AuditQuery withEventType(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, regionCode, value, actor, from,
                to, text);
    }

    public AuditQuery withActor(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, regionCode, eventType, value,
                from, to, text);
    }

    public AuditQuery withPeriod(LocalDate first, LocalDate last) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, regionCode, eventType, actor,
                first, last, text);
    }

    public AuditQuery withText(String value) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, regionCode, eventType, actor,
                from, to, value);
    }

    /** The filters that are set, for the record of who searched for what; the document number and name masked. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        append(s, "card", cardNo);
        append(s, "documentType", documentType);
        append(s, "document", blank(documentNumber) ? null : cn.healthcard.common.Masking.documentNumber(
                documentNumber.strip()));
        append(s, "name", blank(name) ? null : cn.healthcard.common.Masking.name(name.strip()));
        append(s, "institution", institution);
        append(s, "region", regionCode);
        append(s, "event", eventType);
        append(s, "actor", actor);
        append(s, "from", from);
        append(s, "to", to);
        append(s, "text", text);
        return s.isEmpty() ? "(all)" : s.toString();
    }

    private static void append(StringBuilder s, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            s.append(s.isEmpty() ? "" : ", ").append(key).append('=').append(value.toString().strip());
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
