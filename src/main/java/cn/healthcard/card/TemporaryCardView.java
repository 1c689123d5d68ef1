package cn.healthcard.card;

import java.time.Instant;

/** A temporary card (临时卡): status ACTIVE, EXPIRED or RETURNED. */
public record TemporaryCardView(String cardNo, String originalCardNo, String requestId, String status,
                                Instant issuedAt, Instant validUntil, Instant returnedAt) {

    public boolean outstanding() {
        return !"RETURNED".equals(status);
    }
}
