package cn.healthcard.production.internal;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Error records per card for the issuer (table {@code production_error}, PER-04). */
@Repository
public class ErrorStore {

    /** An error record; {@code kind} FAILED (could not be made from the data) or SCRAPPED (made, then destroyed). */
    public record ErrorRecord(String id, String caseId, String batchNo, String regionCode, String kind, String field,
                              String reason, String reportedBy, Instant reportedAt, String resentBy,
                              Instant resentAt) {
    }

    private static final RowMapper<ErrorRecord> ROW = (rs, i) -> new ErrorRecord(rs.getString("id"),
            rs.getString("case_id"), rs.getString("batch_no"), rs.getString("region_code"), rs.getString("kind"),
            rs.getString("field"), rs.getString("reason"), rs.getString("reported_by"),
            rs.getTimestamp("reported_at").toInstant(), rs.getString("resent_by"),
            rs.getTimestamp("resent_at") == null ? null : rs.getTimestamp("resent_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    ErrorStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ErrorRecord add(String caseId, String batchNo, String regionCode, String kind, String field, String reason,
                           String by) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO production_error (id, case_id, batch_no, region_code, kind, field, reason, reported_by,"
                + " reported_at) VALUES (:id, :c, :b, :r, :k, :f, :reason, :by, :now)",
                new MapSqlParameterSource("id", id).addValue("c", caseId).addValue("b", batchNo)
                        .addValue("r", regionCode).addValue("k", kind).addValue("f", field)
                        .addValue("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
                        .addValue("by", by).addValue("now", now));
        return find(id).orElseThrow();
    }

    public Optional<ErrorRecord> find(String id) {
        return jdbc.query("SELECT * FROM production_error WHERE id = :id", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }

    /** Records of regions under {@code regionPrefix}; open ones only unless {@code all}. */
    public List<ErrorRecord> list(String regionPrefix, boolean all, int limit) {
        return jdbc.query("SELECT * FROM production_error WHERE region_code LIKE :r"
                        + (all ? "" : " AND resent_at IS NULL") + " ORDER BY reported_at DESC, id FETCH FIRST "
                        + Math.max(1, limit) + " ROWS ONLY", new MapSqlParameterSource("r", regionPrefix + "%"), ROW);
    }

    /** Open records of a case are closed by its resend. */
    public int resent(String caseId, String by) {
        return jdbc.update("UPDATE production_error SET resent_by = :by, resent_at = :now WHERE case_id = :c"
                + " AND resent_at IS NULL", new MapSqlParameterSource("c", caseId).addValue("by", by)
                .addValue("now", Timestamp.from(clock.instant())));
    }

    public boolean openFor(String caseId, String batchNo) {
        return !jdbc.queryForList("SELECT id FROM production_error WHERE case_id = :c AND batch_no = :b"
                + " AND resent_at IS NULL", new MapSqlParameterSource("c", caseId).addValue("b", batchNo),
                String.class).isEmpty();
    }
}
