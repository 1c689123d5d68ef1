package cn.healthcard.sam.internal;

import cn.healthcard.sam.SamBlacklistChange;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the append-only SAM blacklist change log. */
@Entity
@Table(name = "sam_blacklist_change")
public class SamBlacklistChangeRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;
    private String samNo;
    @Enumerated(EnumType.STRING)
    private SamBlacklistChange.Action action;
    private String reason;
    private String terminalNo;
    private String regionCode;
    private String changedBy;
    private Instant changedAt;

    protected SamBlacklistChangeRecord() {
    }

    public SamBlacklistChangeRecord(String samNo, SamBlacklistChange.Action action, String reason, String terminalNo,
                                    String regionCode, String changedBy, Instant changedAt) {
        this.samNo = samNo;
        this.action = action;
        this.reason = reason;
        this.terminalNo = terminalNo;
        this.regionCode = regionCode;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public SamBlacklistChange toChange() {
        return new SamBlacklistChange(seq, action, samNo, reason, terminalNo, changedAt);
    }
}
