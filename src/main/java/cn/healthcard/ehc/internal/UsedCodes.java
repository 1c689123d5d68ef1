package cn.healthcard.ehc.internal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Single use of a dynamic QR code in the scenes that allow no repeat (settlement, EHC-04/EHC-05): one row per used
 * code in {@code ehc_used_code}, whose primary key {@code (master_index_id, validity)} decides across nodes and
 * survives a restart. Written only for those scenes, never on the verification path of the others. The row is
 * inserted and committed in a transaction of its own (also when the caller runs in one, as the gateway does): a
 * duplicate key must not abort the caller's transaction, and a code once accepted stays used even if the caller's
 * work rolls back (fail closed: the resident shows a fresh code). Rows are deleted an hour after the code expired.
 */
@Component
public class UsedCodes {

    /** How long a row outlives its code: more than any clock difference between nodes. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final Clock clock;

    UsedCodes(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Marks the dynamic code used.
     *
     * @return false when it was used before (on this or another node)
     */
    public boolean use(String masterIndexId, String validity, Instant expiresAt, String terminalId, String scene) {
        try {
            own.executeWithoutResult(status -> jdbc.update("INSERT INTO ehc_used_code (master_index_id, validity, "
                            + "expires_at, used_at, terminal_id, scene) VALUES (?, ?, ?, ?, ?, ?)", masterIndexId,
                    validity, Timestamp.from(expiresAt), Timestamp.from(clock.instant()), terminalId, scene));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Deletes the rows of codes that expired more than {@link #KEEP_AFTER_EXPIRY} ago. */
    @Scheduled(fixedDelayString = "${healthcard.ehc.verification.used-code-cleanup-interval:PT10M}")
    @Transactional
    public int cleanUp() {
        return jdbc.update("DELETE FROM ehc_used_code WHERE expires_at < ?",
                Timestamp.from(clock.instant().minus(KEEP_AFTER_EXPIRY)));
    }
}
