package cn.healthcard.audit.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Audit entries the {@link AuditBatchWriter} could not append even on their own (decision 019): each with its data,
 * the error and the time, so that one poison entry never blocks the entries behind it. Read by 「审计日志校验」.
 */
@Component
public class AuditDeadLetters {

    static final int MAX_ERROR = 2000;

    private final JdbcTemplate jdbc;

    AuditDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One dead letter: the entry's fields as text ({@link AuditEventEntity#deadLetterText()}) and why it failed. */
    public record DeadLetter(long id, Instant failedAt, Instant occurredAt, String eventType, String entryData,
                             String error) {
    }

    /** Keeps an entry that cannot be appended, in the caller's transaction. */
    void add(AuditEventEntity entry, Throwable error, Instant failedAt) {
        jdbc.update("INSERT INTO audit_dead_letter (failed_at, occurred_at, event_type, entry_data, error) "
                        + "VALUES (?, ?, ?, ?, ?)", utc(failedAt), utc(entry.occurredAt()),
                cut(entry.eventType() == null ? "-" : entry.eventType(), 64), entry.deadLetterText(),
                cut(describe(error), MAX_ERROR));
    }

    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_dead_letter", Long.class);
        return n == null ? 0 : n;
    }

    /** The latest {@code limit} dead letters, newest first. */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
    public List<DeadLetter> latest(int limit) {
        return jdbc.query("SELECT id, failed_at, occurred_at, event_type, entry_data, error FROM audit_dead_letter "
                        + "ORDER BY id DESC", rs -> {
                    List<DeadLetter> rows = new java.util.ArrayList<>();
                    while (rs.next() && rows.size() < limit) {
                        rows.add(new DeadLetter(rs.getLong(1), instant(rs.getTimestamp(2)),
                                instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                    return rows;
                });
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            text.append(" | caused by ").append(root);
        }
        return text.toString();
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static LocalDateTime utc(Instant instant) {
        // as the application writes Instants (hibernate.jdbc.time_zone: UTC)
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
