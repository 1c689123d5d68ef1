package cn.healthcard.sam.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A state change that took effect (for the SAM-05 counts); never updated. */
@Entity
@Table(name = "sam_state_change")
public class SamStateChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String samNo;
    private String action;
    private String caseNo;
    private String institutionCode;
    private String regionCode;
    private Instant changedAt;

    protected SamStateChange() {
    }

    public SamStateChange(String samNo, String action, String caseNo, String institutionCode, String regionCode,
                          Instant changedAt) {
        this.samNo = samNo;
        this.action = action;
        this.caseNo = caseNo;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.changedAt = changedAt;
    }
}
