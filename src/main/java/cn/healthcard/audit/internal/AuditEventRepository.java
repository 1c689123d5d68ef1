package cn.healthcard.audit.internal;

import org.springframework.data.repository.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Insert and read only (the linker sets an entry's chain position and links once, with SQL): no delete. */
public interface AuditEventRepository extends Repository<AuditEventEntity, Long> {

    AuditEventEntity save(AuditEventEntity entity);

    Optional<AuditEventEntity> findById(long id);

    List<AuditEventEntity> findBySubjectTypeAndSubjectIdOrderByIdAsc(String subjectType, String subjectId);

    long count();

    /** The latest entry of a case that names a card, from which later entries of the case inherit it. */
    Optional<AuditEventEntity> findFirstByCaseRefAndCardNoIsNotNullOrderByIdDesc(String caseRef);

    /** The latest entry of a case that names a region, from which entries without one (task steps) inherit it. */
    Optional<AuditEventEntity> findFirstByCaseRefAndRegionCodeIsNotNullOrderByIdDesc(String caseRef);

    /** The latest entry of a case that names a resident. */
    Optional<AuditEventEntity> findFirstByCaseRefAndResidentIdIsNotNullOrderByIdDesc(String caseRef);

    /** The latest entry about a card that names its resident. */
    Optional<AuditEventEntity> findFirstByCardNoAndResidentIdIsNotNullOrderByIdDesc(String cardNo);

    /** A card's entries, and the case references among them. */
    List<AuditEventEntity> findByCardNoOrderByIdAsc(String cardNo);

    List<AuditEventEntity> findByCaseRefInOrderByIdAsc(Collection<String> caseRefs);

    /** The next entries after {@code id} in id order (pending ones included). */
    List<AuditEventEntity> findTop1000ByIdGreaterThanOrderByIdAsc(long id);

    /** The next linked entries after {@code id} in id order (the search index rebuild). */
    List<AuditEventEntity> findTop1000ByIdGreaterThanAndChainSeqIsNotNullOrderByIdAsc(long id);

    /** The next linked entries after chain position {@code seq}, in chain order. */
    List<AuditEventEntity> findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(long seq);

    /** Committed entries not yet linked, oldest id first. */
    List<AuditEventEntity> findTop1000ByChainSeqIsNullOrderByIdAsc();

    /** Entries not yet linked into the chain. */
    long countByChainSeqIsNull();
}
