package cn.healthcard.card.internal;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardHistoryEntry;
import cn.healthcard.card.CardStatus;
import cn.healthcard.crypto.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One step in a card's life (APP-13): what happened, from which status to which, who asked, who approved, who
 * acted, where, why, and the form data (encrypted, it holds personal data). Rows are only ever inserted; the
 * (card, seq) pair is unique, so two concurrent changes of one card cannot both be recorded.
 */
@Entity
@Immutable
@Table(name = "card_event")
public class CardEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String cardNo;
    private int seq;
    @Enumerated(EnumType.STRING)
    private CardAction action;
    @Enumerated(EnumType.STRING)
    private CardStatus fromStatus;
    @Enumerated(EnumType.STRING)
    private CardStatus toStatus;
    private String reason;
    private String requestId;
    private String requestedBy;
    private String approvedBy;
    private String actor;
    private String institutionCode;
    private Instant occurredAt;
    @Encrypted(row = {"cardNo", "seq"}) // the id is an identity column: bind the unique (card, seq)
    private String formData;

    protected CardEvent() {
    }

    public CardEvent(String cardNo, int seq, CardAction action, CardStatus fromStatus, CardStatus toStatus,
                     String reason, String requestId, String requestedBy, String approvedBy, String actor,
                     String institutionCode, Instant occurredAt, String formData) {
        this.cardNo = cardNo;
        this.seq = seq;
        this.action = action;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.reason = reason;
        this.requestId = requestId;
        this.requestedBy = requestedBy;
        this.approvedBy = approvedBy;
        this.actor = actor;
        this.institutionCode = institutionCode;
        this.occurredAt = occurredAt;
        this.formData = formData;
    }

    public CardHistoryEntry toEntry() {
        return new CardHistoryEntry(seq, occurredAt, action, fromStatus, toStatus, reason, requestId, requestedBy,
                approvedBy, actor, institutionCode);
    }
}
