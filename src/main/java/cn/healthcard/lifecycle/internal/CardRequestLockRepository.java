package cn.healthcard.lifecycle.internal;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.Instant;
import java.util.Optional;

/** One request in flight per card (primary key = card number), enforced by the database. */
public interface CardRequestLockRepository extends Repository<CardRequestLock, String> {

    @Modifying
    @Query(value = "insert into card_request_lock (card_no, request_id, locked_at) values (?1, ?2, ?3)",
            nativeQuery = true)
    void insert(String cardNo, String requestId, Instant lockedAt);

    @Modifying
    @Query(value = "delete from card_request_lock where card_no = ?1 and request_id = ?2", nativeQuery = true)
    int release(String cardNo, String requestId);

    Optional<CardRequestLock> findById(String cardNo);
}
