package cn.healthcard.audit.internal;

import cn.healthcard.crypto.CryptoPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate readOnly;

    AuditChain(AuditEventRepository events, AuditChainHeadRepository heads, AuditOutboxRepository outbox,
               CryptoPort crypto, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.events = events;
        this.heads = heads;
        this.outbox = outbox;
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
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
     * Walks the chain in id order, a page of 1000 entries per read-only transaction (so a long log is not held in
     * memory), checking each entry's link and hash, and then that the chain head points at the last entry.
     * <p>
     * Appends may go on while it walks: the head is read after the entries, and when it has moved past the last entry
     * seen, the walk goes on with the entries appended meanwhile; only when there are none (entries cut off the end)
     * is the chain broken. Entries after the head were not appended through the chain, which breaks it as well.
     *
     * @return the first entry whose link or hash does not match (or the last entry, when entries were cut off after
     * it; or the first entry after the head), null when intact; and the number of entries checked
     */
    public Walk walk() {
        String expectedPrev = GENESIS;
        long lastId = 0;
        long checked = 0;
        while (true) {
            for (List<AuditEventEntity> page = page(lastId); !page.isEmpty(); page = page(lastId)) {
                for (AuditEventEntity e : page) {
                    checked++;
                    if (!expectedPrev.equals(e.prevHash()) || !hashOf(e).equals(e.hash())) {
                        return new Walk(e.getId(), checked);
                    }
                    expectedPrev = e.hash();
                    lastId = e.getId();
                }
            }
            AuditChainHead head = readOnly.execute(s -> heads.read());
            if (head.lastId() == lastId) {
                boolean matches = lastId == 0 || expectedPrev.equals(head.lastHash());
                return new Walk(matches ? null : Math.max(lastId, 1), checked);
            }
            if (head.lastId() > lastId && page(lastId).isEmpty()) {
                return new Walk(Math.max(lastId, 1), checked); // entries cut off the end
            }
            if (head.lastId() < lastId) {
                return new Walk(page(head.lastId()).get(0).getId(), checked); // entries the chain did not append
            }
            // entries appended since the last page: walk on
        }
    }

    /**
     * The result of {@link #walk()}.
     *
     * @param firstBroken the first entry that does not match, null when intact
     * @param checked     the entries checked, the broken one included
     */
    public record Walk(Long firstBroken, long checked) {
    }

    /** One entry with its link, or null. */
    public AuditEventEntity entry(long id) {
        return readOnly.execute(s -> events.findById(id).orElse(null));
    }

    private List<AuditEventEntity> page(long afterId) {
        return readOnly.execute(s -> events.findTop1000ByIdGreaterThanOrderByIdAsc(afterId));
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
