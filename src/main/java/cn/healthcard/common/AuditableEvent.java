package cn.healthcard.common;

/**
 * A past-tense domain event that belongs in the audit log. Modules publish these through Spring's event publisher
 * inside the transaction of the change; the audit module records them in the same transaction.
 */
public interface AuditableEvent {

    /** Stable event type, e.g. {@code CardApplicationSubmitted}. Defaults to the class name. */
    default String eventType() {
        return getClass().getSimpleName();
    }

    /** What the event is about, e.g. {@code CardApplication}, {@code Card}, {@code Resident}. */
    String subjectType();

    String subjectId();

    /**
     * Region of the subject, for region-scoped audit search. May be null; an event with a {@link #caseRef()} then
     * takes the region of its case's latest entry.
     */
    String regionCode();

    /** Short human-readable detail; never personal data in plaintext. */
    String detail();

    /** The card the event concerns, if any: puts the entry on that card's case timeline and makes it searchable. */
    default String cardNo() {
        return null;
    }

    /**
     * The resident the event concerns (the internal id, not personal data), if any: makes the entry searchable by the
     * resident's document and name through keyed hashes.
     */
    default String residentId() {
        return null;
    }

    /**
     * The case the event belongs to: the business key of its process (申领编号 {@code SQ…}, 业务编号 {@code RQ…}).
     * Entries of one case inherit each other's card and resident, so a card's timeline holds its whole case.
     */
    default String caseRef() {
        return null;
    }
}
