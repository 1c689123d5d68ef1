package cn.healthcard.issuance.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface OneCardClaimRepository extends JpaRepository<OneCardClaim, String> {

    /** Inserts the claim; a second claim for the same resident violates the primary key. */
    @Modifying
    @Query(value = "insert into one_card_claim (resident_id, application_id, claimed_at) values (?1, ?2, ?3)",
            nativeQuery = true)
    void insert(String residentId, String applicationId, java.time.Instant claimedAt);
}
