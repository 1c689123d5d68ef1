package cn.healthcard.audit.internal;

import org.springframework.data.repository.Repository;

import java.util.List;

/** Insert and read only: the audit log has no update or delete. */
public interface AuditEventRepository extends Repository<AuditEventEntity, Long> {

    AuditEventEntity save(AuditEventEntity entity);

    List<AuditEventEntity> findBySubjectTypeAndSubjectIdOrderByIdAsc(String subjectType, String subjectId);

    long count();

    /** The next entries after {@code id} in chain order. */
    List<AuditEventEntity> findTop1000ByIdGreaterThanOrderByIdAsc(long id);
}
