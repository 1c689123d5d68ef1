package cn.healthcard.card.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardView;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardTransitions;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

@Entity
@Table(name = "card")
public class Card {

    @Id
    private String cardNo;
    private String residentId;
    private String applicationId;
    @Enumerated(EnumType.STRING)
    private CardStatus status;
    private String regionCode;
    private String institutionCode;
    private String chipSerial;
    private String replacesCardNo;
    private Instant producedAt;
    private Instant issuedAt;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Card() {
    }

    public Card(String cardNo, String residentId, String applicationId, String regionCode, String institutionCode,
                String chipSerial, Instant now) {
        this.cardNo = cardNo;
        this.residentId = residentId;
        this.applicationId = applicationId;
        this.regionCode = regionCode;
        this.institutionCode = institutionCode;
        this.chipSerial = chipSerial;
        this.status = CardStatus.READY;
        this.producedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies an action through the state machine; returns the status it came from. */
    public CardStatus apply(CardAction action, Instant now) {
        CardStatus from = status;
        status = CardTransitions.target(cardNo, from, action);
        if (action == CardAction.ACTIVATE) {
            issuedAt = now;
        }
        updatedAt = now;
        return from;
    }

    public CardStatus status() {
        return status;
    }

    public String cardNo() {
        return cardNo;
    }

    public String residentId() {
        return residentId;
    }

    public String institutionCode() {
        return institutionCode;
    }

    /** A replacement card: same holder, region and institution as the card it replaces. */
    public static Card replacing(Card old, String cardNo, String chipSerial, Instant now) {
        Card card = new Card(cardNo, old.residentId, null, old.regionCode, old.institutionCode, chipSerial, now);
        card.replacesCardNo = old.cardNo;
        return card;
    }

    public CardView toView() {
        return new CardView(cardNo, status, residentId, applicationId, regionCode, institutionCode, producedAt,
                issuedAt);
    }

    public String regionCode() {
        return regionCode;
    }

    public Instant producedAt() {
        return producedAt;
    }

    /** When the card was picked up and activated; null until then. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** The last status change (production is the first). */
    public Instant updatedAt() {
        return updatedAt;
    }
}
