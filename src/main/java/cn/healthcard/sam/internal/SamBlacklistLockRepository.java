package cn.healthcard.sam.internal;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Optional;

public interface SamBlacklistLockRepository extends Repository<SamBlacklistLock, Integer> {

    /** {@code SELECT ... FOR UPDATE} on the one row; held until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from SamBlacklistLock l where l.id = 1")
    Optional<SamBlacklistLock> acquire();
}
