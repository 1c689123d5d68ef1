package cn.healthcard.audit.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The outbox of the search projection. */
interface AuditOutboxRepository extends Repository<AuditOutboxEntry, Long> {

    AuditOutboxEntry save(AuditOutboxEntry entry);

    /** Entries not yet in the index, oldest first. */
    @Query("select e from AuditEventEntity e, AuditOutboxEntry o where o.eventId = e.id and o.sentAt is null"
            + " order by e.id")
    List<AuditEventEntity> pending(Pageable page);

    @Query("select count(o) from AuditOutboxEntry o where o.sentAt is null")
    long countPending();

    @Modifying
    @Query("update AuditOutboxEntry o set o.sentAt = :now where o.eventId in :ids and o.sentAt is null")
    int markSent(@Param("ids") Collection<Long> ids, @Param("now") Instant now);
}
