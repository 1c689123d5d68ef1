package cn.healthcard.support;

import cn.healthcard.audit.PersonalDataRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

/**
 * An audit entry changed behind the application's back (plain JDBC, committed), for tests of the hash chain's tamper
 * evidence (SEC-03); {@link #close()} puts the original value back, so the log shared by all integration tests is
 * intact again. The entry is a fresh one and is changed only after the projection has sent it, so the search index
 * never holds the changed value.
 */
public final class TamperedAuditEntry implements AutoCloseable {

    /** The value the tampered entry's detail holds while tampered. */
    public static final String TAMPERED_DETAIL = "篡改：测试用";

    private final JdbcTemplate jdbc;
    private final long id;
    private final String original;

    private TamperedAuditEntry(JdbcTemplate jdbc, long id, String original) {
        this.jdbc = jdbc;
        this.id = id;
        this.original = original;
    }

    /** Writes a new entry (a clerk's read of personal data), waits until it is indexed, then changes its detail. */
    public static TamperedAuditEntry create(JdbcTemplate jdbc, TestUsers users, TransactionTemplate tx,
                                            ApplicationEventPublisher events) {
        String purpose = "校验测试 " + UUID.randomUUID();
        users.run("clerk", () -> tx.executeWithoutResult(s -> events.publishEvent(
                new PersonalDataRead(UUID.randomUUID().toString(), "110105", purpose))));
        long id = jdbc.queryForObject("SELECT id FROM audit_event WHERE detail = ?", Long.class, purpose);
        Eventually.await("audit entry " + id + " sent to the index", Duration.ofSeconds(60),
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_outbox WHERE event_id = ? AND sent_at IS NOT NULL",
                        Long.class, id), sent -> sent == 1);
        jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", TAMPERED_DETAIL, id);
        return new TamperedAuditEntry(jdbc, id, purpose);
    }

    public long id() {
        return id;
    }

    @Override
    public void close() {
        jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", original, id);
    }
}
