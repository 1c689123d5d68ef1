package cn.healthcard.card.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A blacklist entry; removal keeps the row (who, when, why). Management screens come with issue #3. */
@Entity
@Table(name = "blacklist_entry")
public class BlacklistEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String documentIndex;
    private String cardNo;
    private String reason;
    private String addedBy;
    private Instant addedAt;
    private String removedBy;
    private Instant removedAt;
    private String removeReason;

    protected BlacklistEntry() {
    }

    public BlacklistEntry(String documentIndex, String cardNo, String reason, String addedBy, Instant addedAt) {
        this.documentIndex = documentIndex;
        this.cardNo = cardNo;
        this.reason = reason;
        this.addedBy = addedBy;
        this.addedAt = addedAt;
    }

    public Long id() {
        return id;
    }

    public String reason() {
        return reason;
    }
}
