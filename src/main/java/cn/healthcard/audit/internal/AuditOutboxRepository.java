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

    /**
     * Entries not yet in the index, oldest first. Ordered like the index {@code ix_audit_outbox_pending (sent_at,
     * event_id)} (sent_at is null in every row here, so this is id order): the database reads the first page of that
     * index instead of reading and sorting every pending entry (H2 does the latter for {@code order by e.id}, which
     * made draining a backlog quadratic; docs/performance.md). Linked entries only: a pending one (decision 008) has no
     * hash yet and is sent once linked.
     */
    @Query("select e from AuditEventEntity e, AuditOutboxEntry o where o.eventId = e.id and o.sentAt is null"
            + " and e.chainSeq is not null and o.eventId > :after order by o.sentAt, o.eventId")
    List<AuditEventEntity> pending(@Param("after") long after, Pageable page);

    @Query("select count(o) from AuditOutboxEntry o where o.sentAt is null")
    long countPending();

    /** Entries sent to the index before {@code cutoff}, oldest first (the {@code (sent_at, event_id)} index). */
    @Query("select o.eventId from AuditOutboxEntry o where o.sentAt < :cutoff order by o.sentAt, o.eventId")
    List<Long> sentBefore(@Param("cutoff") Instant cutoff, Pageable page);

    /** Removes these outbox rows (their entries are in the index; the log itself keeps every entry). */
    @Modifying
    @Query("delete from AuditOutboxEntry o where o.eventId in :ids and o.sentAt is not null")
    int deleteSent(@Param("ids") Collection<Long> ids);

    /**
     * Marks the entries sent; an entry sent before keeps its first time. Found by primary key: with
     * {@code sent_at is null} in the condition H2 scanned every pending row through the pending index instead.
     */
    @Modifying
    @Query("update AuditOutboxEntry o set o.sentAt = coalesce(o.sentAt, :now) where o.eventId in :ids")
    int markSent(@Param("ids") Collection<Long> ids, @Param("now") Instant now);
}
