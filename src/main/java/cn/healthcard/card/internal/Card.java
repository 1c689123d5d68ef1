package cn.healthcard.card.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardView;
import cn.healthcard.common.ConflictException;
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

    /** READY → ACTIVE when the resident signs for the card. */
    public CardStatus activate(Instant now) {
        if (status != CardStatus.READY) {
            throw new ConflictException("ILLEGAL_TRANSITION",
                    "卡片 " + cardNo + " 当前状态为「" + status.nameZh() + "」，不能启用");
        }
        CardStatus from = status;
        status = CardStatus.ACTIVE;
        issuedAt = now;
        updatedAt = now;
        return from;
    }

    public CardView toView() {
        return new CardView(cardNo, status, residentId, applicationId, regionCode, institutionCode, producedAt,
                issuedAt);
    }

    public String regionCode() {
        return regionCode;
    }
}
