package cn.healthcard.audit;

import java.time.Instant;

/** One audit entry as the search shows it: personal data only masked. */
public record AuditHit(long id, Instant occurredAt, String eventType, String actor, String institutionCode,
                       String regionCode, String subjectType, String subjectId, String channel, String detail,
                       String cardNo, String caseRef, String nameMasked, String documentNumberMasked) {
}
