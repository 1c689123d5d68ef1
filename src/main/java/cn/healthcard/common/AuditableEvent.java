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

    /** Region of the subject, for region-scoped audit search. May be null. */
    String regionCode();

    /** Short human-readable detail; never personal data in plaintext. */
    String detail();
}
