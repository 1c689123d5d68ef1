package cn.healthcard.institution;

import java.time.Instant;

/**
 * One entry of the register's exchange log (ORG-01, ORG-03, ORG-04): the state of an institution after a change,
 * for the level above to pull ({@code GET /api/v1/institutions/changes}).
 *
 * @param seq     ascending, gap-free in commit order
 * @param payload the institution after the change, as JSON (the fields of {@link InstitutionDetails})
 */
public record InstitutionChange(long seq, String code, InstitutionKind kind, String regionCode, long version,
                                Type type, String payload, Instant at, String by) {

    public enum Type { REGISTERED, MODIFIED, CANCELLED }
}
