package cn.healthcard.card.internal;

import cn.healthcard.card.TemporaryCardView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

@Entity
@Table(name = "temporary_card")
public class TemporaryCard {

    public enum Status { ACTIVE, EXPIRED, RETURNED }

    @Id
    private String cardNo;
    private String originalCardNo;
    private String requestId;
    private String residentId;
    private String regionCode;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    private Instant issuedAt;
    private Instant validUntil;
    private Instant returnedAt;
    @Version
    private long version;

    protected TemporaryCard() {
    }

    public TemporaryCard(String cardNo, String originalCardNo, String requestId, String residentId, String regionCode,
                         Instant issuedAt, Instant validUntil) {
        this.cardNo = cardNo;
        this.originalCardNo = originalCardNo;
        this.requestId = requestId;
        this.residentId = residentId;
        this.regionCode = regionCode;
        this.status = Status.ACTIVE;
        this.issuedAt = issuedAt;
        this.validUntil = validUntil;
    }

    /** Valid: not returned, not expired, and within its period. */
    public boolean validAt(Instant now) {
        return status == Status.ACTIVE && now.isBefore(validUntil);
    }

    public void expire() {
        if (status == Status.ACTIVE) {
            status = Status.EXPIRED;
        }
    }

    public void returned(Instant now) {
        status = Status.RETURNED;
        returnedAt = now;
    }

    public String regionCode() {
        return regionCode;
    }

    public TemporaryCardView toView() {
        return new TemporaryCardView(cardNo, originalCardNo, requestId, status.name(), issuedAt, validUntil,
                returnedAt);
    }
}
