package cn.healthcard.audit.internal;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The chain head, read with a pessimistic write lock (SELECT ... FOR UPDATE) or plainly. */
interface AuditChainHeadRepository extends Repository<AuditChainHead, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead lock();

    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead read();
}
