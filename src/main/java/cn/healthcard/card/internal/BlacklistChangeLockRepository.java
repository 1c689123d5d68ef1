package cn.healthcard.card.internal;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Optional;

public interface BlacklistChangeLockRepository extends Repository<BlacklistChangeLock, Integer> {

    /** {@code SELECT ... FOR UPDATE} on the one row; held until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from BlacklistChangeLock l where l.id = 1")
    Optional<BlacklistChangeLock> acquire();
}
