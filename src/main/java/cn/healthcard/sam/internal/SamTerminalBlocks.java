package cn.healthcard.sam.internal;

import cn.healthcard.ehc.RefusalReason;
import cn.healthcard.ehc.TerminalBlocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terminals whose SAM card is frozen or cancelled, in memory (decision 030): verification and card use ask here,
 * never the database. The whole set is read again after the commit of every SAM state or binding change on this node
 * (reloads run one after the other, so the last one sees the newest commit) and every
 * {@code healthcard.sam.block-cache-refresh} (default 30 s) for changes made on other nodes.
 */
@Component
public class SamTerminalBlocks implements TerminalBlocks {

    private static final Logger log = LoggerFactory.getLogger(SamTerminalBlocks.class);

    private final SamCardRepository cards;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private volatile Map<String, RefusalReason> blocked;
    /** Bound terminal → its SAM number (replaced together with {@link #blocked}). */
    private volatile Map<String, String> bound = Map.of();

    SamTerminalBlocks(SamCardRepository cards, PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.cards = cards;
        this.jdbc = jdbc;
        // a new read transaction also when called from afterCommit, where the finished one is still bound
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.tx.setReadOnly(true);
    }

    @Override
    public Optional<RefusalReason> refusal(String terminalId) {
        Map<String, RefusalReason> now = blocked;
        if (now == null) {
            now = first(); // only before the application is ready
        }
        return terminalId == null ? Optional.empty() : Optional.ofNullable(now.get(terminalId));
    }

    @Override
    public Optional<String> boundSam(String terminalId) {
        if (blocked == null) {
            first();
        }
        return terminalId == null ? Optional.empty() : Optional.ofNullable(bound.get(terminalId));
    }

    /**
     * The SAM bound to the terminal at {@code at} (its BIND or REBIND onto the terminal at or before then, no later
     * binding row of that SAM at or before then — the attribution SAM-05 usage counts by) and its last blacklist change
     * at or before then: ADDED (frozen or cancelled) refuses.
     */
    @Override
    public Optional<RefusalReason> refusalAt(String terminalId, Instant at) {
        if (terminalId == null || at == null) {
            return Optional.empty();
        }
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return tx.execute(status -> jdbc.query("SELECT x.action, x.reason FROM sam_blacklist_change x"
                + " WHERE x.changed_at <= ? AND x.sam_no = (SELECT MAX(b.sam_no) FROM sam_binding b"
                + " WHERE b.terminal_no = ? AND b.action IN ('BIND', 'REBIND') AND b.done_at <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM sam_binding n WHERE n.sam_no = b.sam_no AND n.id > b.id"
                + " AND n.done_at <= ?)) ORDER BY x.seq DESC", rs -> {
                    if (!rs.next() || !"ADDED".equals(rs.getString(1))) {
                        return Optional.<RefusalReason>empty();
                    }
                    return Optional.of("CANCELLED".equals(rs.getString(2)) ? RefusalReason.SAM_CANCELLED
                            : RefusalReason.SAM_FROZEN);
                }, t, terminalId, t, t));
    }

    /** Fills the cache before the first verification, not on the hot path. */
    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        first();
    }

    /** The first load: whoever waited on the lock finds the map another thread loaded and does not load again. */
    private synchronized Map<String, RefusalReason> first() {
        Map<String, RefusalReason> now = blocked;
        return now != null ? now : reload();
    }

    /**
     * Reads the blocked and the bound terminals again (three short queries: the frozen and cancelled SAM cards, the
     * bound ones).
     */
    @Scheduled(fixedDelayString = "${healthcard.sam.block-cache-refresh:PT30S}",
            initialDelayString = "${healthcard.sam.block-cache-refresh:PT30S}")
    public synchronized Map<String, RefusalReason> reload() {
        Map<String, String> sams = new HashMap<>();
        Map<String, RefusalReason> fresh = tx.execute(status -> {
            Map<String, RefusalReason> m = new HashMap<>();
            cards.cancelledTerminals().forEach(t -> m.put(t, RefusalReason.SAM_CANCELLED));
            cards.frozenTerminals().forEach(t -> m.put(t, RefusalReason.SAM_FROZEN));
            cards.boundTerminals().forEach(r -> sams.put((String) r[0], (String) r[1]));
            return m;
        });
        bound = Map.copyOf(sams);
        blocked = Map.copyOf(fresh);
        return blocked;
    }

    /** Reloads once the current transaction has committed (at once when there is none). */
    public void reloadAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        // the committed change is not lost: the scheduled reload picks it up within the refresh period
                        log.warn("SAM blocked-terminal cache not reloaded after commit; stale until the next scheduled"
                                + " reload", e);
                    }
                }
            });
        } else {
            reload();
        }
    }
}
