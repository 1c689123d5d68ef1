package cn.healthcard.audit.internal;

import cn.healthcard.crypto.CryptoPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of the audit log: {@code hash = SM3(prev_hash || canonical text)} in hex, the first entry's
 * {@code prev_hash} being {@link #GENESIS}. Appends lock the chain head, so they are numbered and chained one after
 * the other, and each one also queues its entry in the outbox of the search projection.
 */
@Component
public class AuditChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final AuditEventRepository events;
    private final AuditChainHeadRepository heads;
    private final AuditOutboxRepository outbox;
    private final CryptoPort crypto;
    private final JdbcTemplate jdbc;

    AuditChain(AuditEventRepository events, AuditChainHeadRepository heads, AuditOutboxRepository outbox,
               CryptoPort crypto, JdbcTemplate jdbc) {
        this.events = events;
        this.heads = heads;
        this.outbox = outbox;
        this.crypto = crypto;
        this.jdbc = jdbc;
    }

    /** Numbers, chains and saves a new entry and its outbox row, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(AuditEventEntity entry) {
        AuditChainHead head = heads.lock();
        String prev = head.lastHash() == null ? chainEntriesBeforeTheChain(head.lastId()) : head.lastHash();
        entry.chain(head.lastId() + 1, prev, this::hashOf);
        events.save(entry);
        outbox.save(new AuditOutboxEntry(entry.getId()));
        head.advance(entry.getId(), entry.hash());
    }

    /**
     * Walks the chain in id order and returns the id of the first entry whose link or hash does not match, or of the
     * last entry when the chain head does not point at it (entries removed from the end); null when intact.
     */
    @Transactional(readOnly = true)
    public Long firstBrokenLink() {
        String expectedPrev = GENESIS;
        long lastId = 0;
        List<AuditEventEntity> page = events.findTop1000ByIdGreaterThanOrderByIdAsc(0);
        while (!page.isEmpty()) {
            for (AuditEventEntity e : page) {
                if (!expectedPrev.equals(e.prevHash()) || !hashOf(e).equals(e.hash())) {
                    return e.getId();
                }
                expectedPrev = e.hash();
                lastId = e.getId();
            }
            page = events.findTop1000ByIdGreaterThanOrderByIdAsc(lastId);
        }
        AuditChainHead head = heads.read();
        boolean headMatches = head.lastId() == lastId
                && (lastId == 0 || expectedPrev.equals(head.lastHash()));
        return headMatches ? null : Math.max(lastId, 1);
    }

    /** The number of entries in the log. */
    @Transactional(readOnly = true)
    public long size() {
        return events.count();
    }

    String hashOf(AuditEventEntity entry) {
        byte[] digest = crypto.sm3((entry.prevHash() + entry.canonicalText()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** Entries written before the chain existed (id up to {@code lastId}) are chained once, by the first append. */
    private String chainEntriesBeforeTheChain(long lastId) {
        String prev = GENESIS;
        long after = 0;
        List<AuditEventEntity> page = events.findTop1000ByIdGreaterThanOrderByIdAsc(after);
        while (!page.isEmpty() && after < lastId) {
            for (AuditEventEntity e : page) {
                if (e.getId() > lastId) {
                    return prev;
                }
                e.chain(e.getId(), prev, this::hashOf);
                jdbc.update("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?", prev, e.hash(), e.getId());
                prev = e.hash();
                after = e.getId();
            }
            page = events.findTop1000ByIdGreaterThanOrderByIdAsc(after);
        }
        return prev;
    }
}
