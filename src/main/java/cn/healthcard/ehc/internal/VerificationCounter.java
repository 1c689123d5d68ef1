package cn.healthcard.ehc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts verifications per China day, institution, terminal, outcome, scene and SAM (the one bound to the terminal at
 * the time, {@value #NO_SAM} for none) in memory and adds them to
 * {@code ehc_verification_count} in batches (every {@code healthcard.ehc.counter-flush-interval}, default 5 s, and
 * before every statistics query), so the verification path writes no counter row of its own (decision 013). A count is
 * taken only when the verification's transaction commits. Counts not yet flushed when the process dies are lost from
 * the counters (the audit log still has every verification).
 */
@Component
public class VerificationCounter {

    private static final Logger log = LoggerFactory.getLogger(VerificationCounter.class);

    /** The scene of a verification that named none. */
    public static final String NO_SCENE = "UNKNOWN";
    /** The SAM of a verification through a terminal with no SAM bound. */
    public static final String NO_SAM = "-";

    /** One counter row. */
    public record Key(LocalDate day, String institutionCode, String terminalId, String outcome, String scene,
                      String samNo, String regionCode) {
    }

    private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    VerificationCounter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Counts one verification once the current transaction commits (at once without a transaction). */
    public void count(Key key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    add(key, 1);
                }
            });
        } else {
            add(key, 1);
        }
    }

    private void add(Key key, long n) {
        pending.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
    }

    /** Writes the pending counts; on failure they stay pending for the next round. */
    @Scheduled(fixedDelayString = "${healthcard.ehc.counter-flush-interval:5s}",
            initialDelayString = "${healthcard.ehc.counter-flush-interval:5s}")
    public synchronized void flush() {
        for (Map.Entry<Key, AtomicLong> entry : pending.entrySet()) {
            long n = entry.getValue().getAndSet(0);
            if (n == 0) {
                continue;
            }
            try {
                transaction.executeWithoutResult(tx -> write(entry.getKey(), n));
            } catch (RuntimeException e) {
                add(entry.getKey(), n);
                log.warn("Verification counts not written yet ({}), retried in the next round", e.toString());
                return;
            }
        }
    }

    private void write(Key k, long n) {
        String update = "UPDATE ehc_verification_count SET verifications = verifications + ? WHERE count_date = ? "
                + "AND institution_code = ? AND terminal_id = ? AND outcome = ? AND scene = ? AND sam_no = ?";
        if (jdbc.update(update, n, k.day(), k.institutionCode(), k.terminalId(), k.outcome(), k.scene(),
                k.samNo()) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO ehc_verification_count (count_date, institution_code, terminal_id, outcome, "
                    + "scene, sam_no, region_code, verifications) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", k.day(),
                    k.institutionCode(), k.terminalId(), k.outcome(), k.scene(), k.samNo(), k.regionCode(), n);
        } catch (DuplicateKeyException raced) { // another node inserted the row meanwhile
            jdbc.update(update, n, k.day(), k.institutionCode(), k.terminalId(), k.outcome(), k.scene(), k.samNo());
        }
    }
}
