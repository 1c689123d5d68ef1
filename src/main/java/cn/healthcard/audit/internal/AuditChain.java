package cn.healthcard.audit.internal;

import cn.healthcard.crypto.CryptoPort;
import org.springframework.jdbc.core.ConnectionCallback;
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
import java.util.Locale;
import java.util.Objects;

/**
 * The hash chain of the audit log: {@code hash = SM3(prev_hash || canonical text)} in hex, the first entry's
 * {@code prev_hash} being {@link #GENESIS}. Since V19 (decision 008) an entry is written in two steps:
 * <ol>
 * <li>{@link #append} inserts it <em>pending</em> in the caller's (business) transaction, with an id from a sequence and
 * its outbox row, without touching the chain head: audited transactions no longer wait for each other;</li>
 * <li>{@link #linkPending} (the {@link AuditLinker}, after each commit and every 200 ms; and every verification) takes,
 * in its own short transaction under the chain-head row lock, the committed pending entries in id order and gives each
 * the next chain position ({@code chain_seq}) and its link. Only committed rows are visible to it, so chain order is an
 * order of commits; the head lock makes the nodes share one sequencer; a crash rolls a link round back whole.</li>
 * </ol>
 * {@link #appendAll} (the {@link AuditBatchWriter}, already off the business path) links pending entries and then its
 * batch at once, under one lock of the head.
 */
@Component
public class AuditChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final int PAGE = 1000;
    /** Pages of {@link #PAGE} entries linked in one round at most (10,000 entries). */
    static final int MAX_PAGES_PER_ROUND = 10;

    private final AuditEventRepository events;
    private final AuditChainHeadRepository heads;
    private final AuditOutboxRepository outbox;
    private final CryptoPort crypto;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private volatile String nextIdSql;
    private volatile Long idBase;

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
            + " case_ref, chain_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO audit_outbox (event_id, sent_at) VALUES (?, NULL)";
    private static final String LINK = "UPDATE audit_event SET chain_seq = ?, prev_hash = ?, hash = ?"
            + " WHERE id = ? AND chain_seq IS NULL";

    /**
     * Numbers a new entry and saves it pending (not linked) with its outbox row, in the caller's transaction, without
     * locking anything shared: {@link #linkPending} links it once the transaction has committed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(AuditEventEntity entry) {
        entry.number(nextId());
        events.save(entry);
        outbox.save(new AuditOutboxEntry(entry.getId()));
    }

    /**
     * Links the pending entries first, then numbers and chains the given ones in list order, each linked to the one
     * before, and inserts them and their outbox rows with batched JDBC, in the caller's transaction: the head is locked
     * once for all of them (the batch writer's own transaction, decision 016).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<AuditEventEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        AuditChainHead head = heads.lock();
        linkLocked(head);
        long seq = head.lastId();
        String prev = lastHash(head);
        for (AuditEventEntity entry : entries) {
            entry.number(nextId());
            entry.link(++seq, prev, this::hashOf);
            prev = entry.hash();
        }
        insert(entries);
        head.advance(seq, prev);
    }

    /**
     * Links the committed pending entries, in id order, at the next chain positions: locks the chain head for the
     * caller's transaction (or its own when there is none; the linker's is short). Idempotent: what is linked is no
     * longer pending. Returns how many it linked.
     */
    @Transactional
    public int linkPending() {
        if (events.countByChainSeqIsNull() == 0) {
            return 0; // nothing to link: the head is not locked
        }
        return linkLocked(heads.lock());
    }

    /** Entries not linked yet (their transactions committed, or still running on this connection). */
    public long pending() {
        Long count = readOnly.execute(s -> events.countByChainSeqIsNull());
        return count == null ? 0 : count;
    }

    private int linkLocked(AuditChainHead head) {
        List<AuditEventEntity> page = events.findTop1000ByChainSeqIsNullOrderByIdAsc();
        if (page.isEmpty()) {
            return 0;
        }
        long seq = head.lastId();
        String prev = lastHash(head);
        int linked = 0;
        int pages = 0;
        while (!page.isEmpty()) {
            for (AuditEventEntity e : page) {
                e.link(++seq, prev, this::hashOf);
                prev = e.hash();
            }
            jdbc.batchUpdate(LINK, page, page.size(), (ps, e) -> {
                ps.setLong(1, e.chainSeq());
                ps.setString(2, e.prevHash());
                ps.setString(3, e.hash());
                ps.setLong(4, e.getId());
            });
            head.advance(seq, prev);
            linked += page.size();
            // a round holds the head lock for at most MAX_PAGES_PER_ROUND pages: a backlog (a bulk job, a node back
            // after a crash) is linked over several short rounds instead of one long lock
            if (page.size() < PAGE || ++pages >= MAX_PAGES_PER_ROUND) {
                break;
            }
            page = events.findTop1000ByChainSeqIsNullOrderByIdAsc();
        }
        return linked;
    }

    /** The id of a new entry: the base of V19 plus the next value of {@code audit_event_no_seq}. */
    long nextId() {
        if (nextIdSql == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
            nextIdSql = name.contains("oracle") ? "SELECT audit_event_no_seq.NEXTVAL FROM DUAL"
                    : name.contains("postgres") ? "SELECT nextval('audit_event_no_seq')"
                    : "SELECT NEXT VALUE FOR audit_event_no_seq";
        }
        if (idBase == null) {
            Long base = jdbc.queryForObject("SELECT id_base FROM audit_chain_head WHERE id = 1", Long.class);
            idBase = base == null ? 0L : base;
        }
        Long next = jdbc.queryForObject(nextIdSql, Long.class);
        return idBase + Objects.requireNonNull(next);
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
        if (e.chainSeq() == null) {
            ps.setNull(14, Types.BIGINT);
        } else {
            ps.setLong(14, e.chainSeq());
        }
        setNullable(ps, 15, e.prevHash());
        setNullable(ps, 16, e.hash());
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
     * Walks the chain in chain order ({@code chain_seq}), a page of 1000 entries per read-only transaction (so a long
     * log is not held in memory), checking each entry's link and hash, and then that the chain head points at the last
     * entry. Pending entries (not linked yet) are not part of the chain: {@link #pending()} counts them.
     * <p>
     * Links may go on while it walks: the head is read after the entries, and when it has moved past the last entry
     * seen, the walk goes on with the entries linked meanwhile; only when there are none (entries cut off the end)
     * is the chain broken. Entries after the head were not linked through the chain, which breaks it as well.
     *
     * @return the first entry whose link or hash does not match (or the last entry, when entries were cut off after
     * it; or the first entry after the head), null when intact; and the number of entries checked
     */
    public Walk walk() {
        String expectedPrev = GENESIS;
        long lastSeq = 0;
        long lastId = 0;
        long checked = 0;
        while (true) {
            for (List<AuditEventEntity> page = page(lastSeq); !page.isEmpty(); page = page(lastSeq)) {
                for (AuditEventEntity e : page) {
                    checked++;
                    if (!expectedPrev.equals(e.prevHash()) || !hashOf(e).equals(e.hash())) {
                        return new Walk(e.getId(), checked);
                    }
                    expectedPrev = e.hash();
                    lastSeq = e.chainSeq();
                    lastId = e.getId();
                }
            }
            AuditChainHead head = readOnly.execute(s -> heads.read());
            if (head.lastId() == lastSeq) {
                boolean matches = lastSeq == 0 || expectedPrev.equals(head.lastHash());
                return new Walk(matches ? null : Math.max(lastId, 1), checked);
            }
            if (head.lastId() > lastSeq && page(lastSeq).isEmpty()) {
                return new Walk(Math.max(lastId, 1), checked); // entries cut off the end
            }
            if (head.lastId() < lastSeq) {
                return new Walk(page(head.lastId()).get(0).getId(), checked); // entries the chain did not link
            }
            // entries linked since the last page: walk on
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

    private List<AuditEventEntity> page(long afterSeq) {
        return readOnly.execute(s -> events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(afterSeq));
    }

    String hashOf(AuditEventEntity entry) {
        byte[] digest = crypto.sm3((entry.prevHash() + entry.canonicalText()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /**
     * Entries written before the chain existed (chain position up to {@code lastSeq}) are chained once, by the first
     * link after V5.
     */
    private String chainEntriesBeforeTheChain(long lastSeq) {
        String prev = GENESIS;
        long after = 0;
        List<AuditEventEntity> page = events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(after);
        while (!page.isEmpty() && after < lastSeq) {
            for (AuditEventEntity e : page) {
                if (e.chainSeq() > lastSeq) {
                    return prev;
                }
                e.link(e.chainSeq(), prev, this::hashOf);
                jdbc.update("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?", prev, e.hash(), e.getId());
                prev = e.hash();
                after = e.chainSeq();
            }
            page = events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(after);
        }
        return prev;
    }
}
