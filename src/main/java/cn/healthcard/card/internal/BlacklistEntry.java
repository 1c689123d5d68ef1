package cn.healthcard.card.internal;

import cn.healthcard.card.BlacklistEntryView;
import cn.healthcard.card.BlacklistKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A blacklist entry; removal keeps the row (who, when, why). */
@Entity
@Table(name = "blacklist_entry")
public class BlacklistEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private BlacklistKind kind;
    private String documentIndex;
    private String cardNo;
    private String reason;
    private String addedBy;
    private Instant addedAt;
    private String removedBy;
    private Instant removedAt;
    private String removeReason;
    private String regionCode;

    protected BlacklistEntry() {
    }

    private BlacklistEntry(BlacklistKind kind, String documentIndex, String cardNo, String reason, String addedBy,
                           Instant addedAt, String regionCode) {
        this.regionCode = regionCode;
        this.kind = kind;
        this.documentIndex = documentIndex;
        this.cardNo = cardNo;
        this.reason = reason;
        this.addedBy = addedBy;
        this.addedAt = addedAt;
    }

    /** A resident not eligible to hold a card, listed by a centre of {@code regionCode}. */
    public static BlacklistEntry resident(String documentIndex, String reason, String addedBy, Instant addedAt,
                                          String regionCode) {
        return new BlacklistEntry(BlacklistKind.RESIDENT, documentIndex, null, reason, addedBy, addedAt, regionCode);
    }

    /** A lost or cancelled card of {@code regionCode}; the holder's document index when known. */
    public static BlacklistEntry card(String cardNo, String documentIndex, String reason, String addedBy,
                                      Instant addedAt, String regionCode) {
        return new BlacklistEntry(BlacklistKind.CARD, documentIndex, cardNo, reason, addedBy, addedAt, regionCode);
    }

    /** Marks the entry removed; the row stays. */
    public void remove(String by, Instant at, String reason) {
        this.removedBy = by;
        this.removedAt = at;
        this.removeReason = reason;
    }

    public boolean active() {
        return removedAt == null;
    }

    public Long id() {
        return id;
    }

    public BlacklistKind kind() {
        return kind;
    }

    public String cardNo() {
        return cardNo;
    }

    public String documentIndex() {
        return documentIndex;
    }

    public String reason() {
        return reason;
    }

    public BlacklistEntryView toView() {
        return new BlacklistEntryView(id, kind, cardNo, documentIndex, reason, addedBy, addedAt, removedBy, removedAt,
                removeReason, regionCode);
    }

    /** The region whose centres manage this entry (ORG-05). */
    public String regionCode() {
        return regionCode;
    }
}
