package cn.healthcard.card.internal;

import cn.healthcard.card.BlacklistChange;
import cn.healthcard.card.BlacklistKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the append-only blacklist change log; never updated. */
@Entity
@Table(name = "blacklist_change")
public class BlacklistChangeRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;
    private long entryId;
    @Enumerated(EnumType.STRING)
    private BlacklistChange.Action action;
    @Enumerated(EnumType.STRING)
    private BlacklistKind kind;
    private String cardNo;
    private String documentIndex;
    private String reason;
    private String changedBy;
    private Instant changedAt;

    protected BlacklistChangeRecord() {
    }

    public BlacklistChangeRecord(BlacklistEntry entry, BlacklistChange.Action action, String reason, String changedBy,
                                 Instant changedAt) {
        this.entryId = entry.id();
        this.action = action;
        this.kind = entry.kind();
        this.cardNo = entry.cardNo();
        this.documentIndex = entry.documentIndex();
        this.reason = reason;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public BlacklistChange toChange() {
        return new BlacklistChange(seq, action, entryId, kind, cardNo, documentIndex, reason, changedAt);
    }
}
