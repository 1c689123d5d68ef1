package cn.healthcard.audit;

import cn.healthcard.audit.internal.AuditChain;
import cn.healthcard.audit.internal.AuditEventEntity;
import cn.healthcard.audit.internal.AuditEventRepository;
import cn.healthcard.audit.internal.AuditProjection;
import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Read side of the append-only audit log: entries by subject, the verification of the hash chain, and the rebuild of
 * the search index (the projection of the log into Elasticsearch, see {@code docs/decisions/008}).
 */
@Service
public class AuditLog {

    private final AuditEventRepository repository;
    private final AuditChain chain;
    private final AuditProjection projection;

    AuditLog(AuditEventRepository repository, AuditChain chain, AuditProjection projection) {
        this.repository = repository;
        this.chain = chain;
        this.projection = projection;
    }

    /** Recomputes the SM3 hash chain over the whole log (SEC-03): intact, or the id of the first broken link. */
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
    public ChainVerification verifyChain() {
        Long broken = chain.firstBrokenLink();
        return new ChainVerification(broken == null, broken, chain.size());
    }

    /** Drops the search index and writes it again from the database; returns the number of entries indexed. */
    @PreAuthorize("hasRole('ADMIN')")
    public long rebuildSearchIndex() {
        try {
            return projection.rebuild();
        } catch (IOException e) {
            throw new UncheckedIOException("rebuild of the audit index failed; the database is unchanged", e);
        }
    }

    /** Entries about one subject, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR','ADMIN','SYSTEM')")
    public List<Entry> about(String subjectType, String subjectId) {
        return repository.findBySubjectTypeAndSubjectIdOrderByIdAsc(subjectType, subjectId).stream()
                .map(AuditEventEntity::toEntry).toList();
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
     * @param entries       the number of entries in the log
     */
    public record ChainVerification(boolean intact, Long firstBrokenId, long entries) {
    }

    /** One audit log entry. */
    public record Entry(long id, Instant occurredAt, String eventType, String actor, String institutionCode,
                        String regionCode, String subjectType, String subjectId, String channel, String detail,
                        String cardNo, String caseRef) {
    }
}
