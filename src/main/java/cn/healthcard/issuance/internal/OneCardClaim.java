package cn.healthcard.issuance.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One person, one card (APP-02): at most one row per resident, guaranteed by the primary key, so two clerks
 * submitting for the same person at the same moment cannot both succeed — on any database.
 */
@Entity
@Table(name = "one_card_claim")
public class OneCardClaim {

    @Id
    private String residentId;
    private String applicationId;
    private Instant claimedAt;

    protected OneCardClaim() {
    }

    public OneCardClaim(String residentId, String applicationId, Instant claimedAt) {
        this.residentId = residentId;
        this.applicationId = applicationId;
        this.claimedAt = claimedAt;
    }

    public String applicationId() {
        return applicationId;
    }
}
