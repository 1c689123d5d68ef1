package cn.healthcard.audit.internal;

import cn.healthcard.crypto.CryptoPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of the audit log: {@code hash = SM3(prev_hash || canonical text)} in hex, the first entry's
 * {@code prev_hash} being {@link #GENESIS}. Appends lock the chain head, so they are numbered and chained one after
 * the other, and each one also queues its entry in the outbox of the search projection. {@link #append} adds one entry
 * in the caller's transaction; {@link #appendAll} a batch under one lock of the head ({@link AuditBatchWriter}).
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

    private static final String INSERT_EVENT = "INSERT INTO audit_event (id, occurred_at, event_type, actor,"
            + " institution_code, region_code, subject_type, subject_id, channel, detail, card_no, resident_id,"
            + " case_ref, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO audit_outbox (event_id, sent_at) VALUES (?, NULL)";

    /** Numbers, chains and saves a new entry and its outbox row, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(AuditEventEntity entry) {
        AuditChainHead head = heads.lock();
        entry.chain(head.lastId() + 1, lastHash(head), this::hashOf);
        events.save(entry);
        outbox.save(new AuditOutboxEntry(entry.getId()));
        head.advance(entry.getId(), entry.hash());
    }

    /**
     * Numbers and chains the entries in list order, each linked to the one before, and inserts them and their outbox
     * rows with batched JDBC, in the caller's transaction: the head is locked once for all of them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<AuditEventEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        AuditChainHead head = heads.lock();
        long id = head.lastId();
        String prev = lastHash(head);
        for (AuditEventEntity entry : entries) {
            entry.chain(++id, prev, this::hashOf);
            prev = entry.hash();
        }
        insert(entries);
        head.advance(id, prev);
    }

    /** Inserts chained entries and their outbox rows with batched JDBC (the head is the caller's business). */
    void insert(List<AuditEventEntity> entries) {
        jdbc.batchUpdate(INSERT_EVENT, entries, entries.size(), AuditChain::bind);
        jdbc.batchUpdate(INSERT_OUTBOX, entries, entries.size(), (ps, e) -> ps.setLong(1, e.getId()));
    }

    private static void bind(PreparedStatement ps, AuditEventEntity e) throws SQLException {
        ps.setLong(1, e.getId());
        // as the application writes Instants (hibernate.jdbc.time_zone: UTC)
        ps.setObject(2, LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        ps.setString(3, e.eventType());
        ps.setString(4, e.actor());
        setNullable(ps, 5, e.institutionCode());
        setNullable(ps, 6, e.regionCode());
        ps.setString(7, e.subjectType());
        ps.setString(8, e.subjectId());
        ps.setString(9, e.channel());
        setNullable(ps, 10, e.detail());
        setNullable(ps, 11, e.cardNo());
        setNullable(ps, 12, e.residentId());
        setNullable(ps, 13, e.caseRef());
        ps.setString(14, e.prevHash());
        ps.setString(15, e.hash());
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** The head's hash; the first append after V5 chains the entries from before the chain first. */
    private String lastHash(AuditChainHead head) {
        return head.lastHash() == null ? chainEntriesBeforeTheChain(head.lastId()) : head.lastHash();
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
