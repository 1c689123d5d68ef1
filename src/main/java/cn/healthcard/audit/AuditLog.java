package cn.healthcard.audit;

import cn.healthcard.audit.internal.AuditChain;
import cn.healthcard.audit.internal.AuditEventEntity;
import cn.healthcard.audit.internal.AuditEventRepository;
import cn.healthcard.audit.internal.AuditLinker;
import cn.healthcard.audit.internal.AuditProjection;
import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Read side of the append-only audit log: entries by subject, the verification of the hash chain, and the rebuild of
 * the search index (the projection of the log into Elasticsearch, see {@code docs/decisions/008}). Each verification
 * and each rebuild is itself recorded in the log ({@link AuditChainVerified}, {@link AuditIndexRebuilt}).
 * <p>
 * {@code SYSTEM} may verify and rebuild: the {@code bin/audit} commands run as the system, which no person is.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditEventRepository repository;
    private final AuditChain chain;
    private final AuditLinker linker;
    private final AuditProjection projection;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    AuditLog(AuditEventRepository repository, AuditChain chain, AuditLinker linker, AuditProjection projection,
             ApplicationEventPublisher events, TransactionTemplate tx) {
        this.repository = repository;
        this.linker = linker;
        this.chain = chain;
        this.projection = projection;
        this.events = events;
        this.tx = tx;
    }

    /**
     * Recomputes the SM3 hash chain over the whole log (SEC-03): intact, or the id of the first broken link. Links the
     * entries committed until now first (decision 008), then walks outside a transaction (a page of entries per read);
     * entries committed meanwhile and not linked yet are counted as pending. Records its result as an
     * {@link AuditChainVerified} entry.
     */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN','SYSTEM')")
    public ChainVerification verifyChain() {
        long start = System.nanoTime();
        try {
            chain.linkPending(); // in the caller's transaction if there is one (it may hold entries of its own)
        } catch (RuntimeException e) {
            log.warn("pending audit entries not linked before the verification: {}", e.toString());
        }
        AuditChain.Walk walk = chain.walk();
        long pending = chain.pending();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        var result = new ChainVerification(walk.firstBroken() == null, walk.firstBroken(), walk.checked(), took,
                pending);
        tx.executeWithoutResult(s -> events.publishEvent(new AuditChainVerified(result.intact(),
                result.firstBrokenId(), result.entries(), took.toMillis(), pending)));
        return result;
    }

    /**
     * Waits until every audit entry committed before this call is linked into the chain (decision 008): at most the
     * linker's max wait. For callers that read an entry's link right after writing it (tests, benches).
     */
    public void awaitLinked() {
        linker.linkAndWait();
    }

    /** Entries committed but not linked into the chain yet (normally linked within a fraction of a second). */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN','SYSTEM')")
    public long pendingEntries() {
        return chain.pending();
    }

    /**
     * Drops the search index and writes it again from the database; returns the number of entries indexed. Recorded
     * as an {@link AuditIndexRebuilt} entry, a failure as {@code AuditIndexRebuildFailed}.
     */
    @PreAuthorize("hasAnyRole('ADMIN','SYSTEM')")
    public long rebuildSearchIndex() {
        long start = System.nanoTime();
        try {
            long indexed = projection.rebuild();
            record(new AuditIndexRebuilt(projection.index(), indexed, millisSince(start), null));
            return indexed;
        } catch (IOException e) {
            record(new AuditIndexRebuilt(projection.index(), 0, millisSince(start), e.toString()));
            throw new UncheckedIOException("rebuild of the audit index failed; the database is unchanged", e);
        } catch (RuntimeException e) {
            record(new AuditIndexRebuilt(projection.index(), 0, millisSince(start), e.toString()));
            throw e;
        }
    }

    /** The search projection's state: pending entries, last successful round, failing now. */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN','SYSTEM')")
    public ProjectionStatus projectionStatus() {
        return projection.status();
    }

    /** One entry with its chain link (e.g. the first broken one of a {@link #verifyChain()}), if it exists. */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN','SYSTEM')")
    public Optional<ChainEntry> chainEntry(long id) {
        AuditEventEntity entry = chain.entry(id);
        if (entry != null && entry.chainSeq() == null) {
            awaitLinked(); // committed a moment ago: its link is there after the next round
            entry = chain.entry(id);
        }
        return Optional.ofNullable(entry).map(e -> new ChainEntry(e.toEntry(), e.prevHash(), e.hash()));
    }

    /** Entries about one subject, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR','ADMIN','SYSTEM')")
    public List<Entry> about(String subjectType, String subjectId) {
        return repository.findBySubjectTypeAndSubjectIdOrderByIdAsc(subjectType, subjectId).stream()
                .map(AuditEventEntity::toEntry).toList();
    }

    private void record(AuditIndexRebuilt event) {
        tx.executeWithoutResult(s -> events.publishEvent(event));
    }

    private static long millisSince(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart).toMillis();
    }

    /**
     * The whole case history of a card from the record of truth (APP-13): its own entries and every entry of the cases
     * it took part in (its application with review, production and pick-up, and each lifecycle request with its
     * tasks and reviewers), oldest first. Entries outside the caller's region are left out.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    public List<Entry> timeline(String cardNo) {
        CurrentUser user = SecurityContextUsers.require();
        List<AuditEventEntity> own = repository.findByCardNoOrderByIdAsc(cardNo);
        Set<String> cases = own.stream().map(AuditEventEntity::caseRef).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, AuditEventEntity> all = new TreeMap<>();
        own.forEach(e -> all.put(e.getId(), e));
        if (!cases.isEmpty()) {
            repository.findByCaseRefInOrderByIdAsc(cases).forEach(e -> all.put(e.getId(), e));
        }
        return all.values().stream()
                .filter(e -> e.regionCode() == null ? user.region().equals(RegionCode.NATIONAL)
                        : user.canSee(e.regionCode()))
                .map(AuditEventEntity::toEntry).toList();
    }

    /**
     * The result of {@link #verifyChain()}.
     *
     * @param intact        every link and hash matches, and the chain head points at the last entry
     * @param firstBrokenId the first entry that does not match, null when intact
     * @param entries       the entries checked: the whole log when intact, up to the broken one otherwise
     * @param duration      how long the verification took
     * @param pending       entries committed but not yet linked into the chain when the walk ended: not checked, and
     *                      linked by the next round of the linker (decision 008)
     */
    public record ChainVerification(boolean intact, Long firstBrokenId, long entries, Duration duration,
                                    long pending) {
    }

    /**
     * The state of the search projection (BPM-03).
     *
     * @param index               the Elasticsearch index
     * @param pendingEntries      entries in the outbox not yet in the index
     * @param lastSuccessfulRound when this node last sent everything pending (a round or a rebuild); null if not yet
     * @param failing             the scheduled rounds are failing right now (Elasticsearch down or refusing)
     */
    public record ProjectionStatus(String index, long pendingEntries, Instant lastSuccessfulRound, boolean failing) {
    }

    /** One audit log entry with its chain link: {@code hash = SM3(prevHash || canonical text)}. */
    public record ChainEntry(Entry entry, String prevHash, String hash) {
    }

    /** One audit log entry. */
    public record Entry(long id, Instant occurredAt, String eventType, String actor, String institutionCode,
                        String regionCode, String subjectType, String subjectId, String channel, String detail,
                        String cardNo, String caseRef) {
    }
}
