package cn.healthcard.audit;

import cn.healthcard.audit.internal.AuditEventEntity;
import cn.healthcard.audit.internal.AuditEventRepository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Read side of the append-only audit log. Search over Elasticsearch comes with its own issue. */
@Service
public class AuditLog {

    private final AuditEventRepository repository;

    AuditLog(AuditEventRepository repository) {
        this.repository = repository;
    }

    /** Entries about one subject, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR','ADMIN','SYSTEM')")
    public List<Entry> about(String subjectType, String subjectId) {
        return repository.findBySubjectTypeAndSubjectIdOrderByIdAsc(subjectType, subjectId).stream()
                .map(AuditEventEntity::toEntry).toList();
    }

    public record Entry(long id, Instant occurredAt, String eventType, String actor, String institutionCode,
                        String subjectType, String subjectId, String channel, String detail) {
    }
}
