package cn.healthcard.card;

import java.time.Instant;

/** A card as callers see it: no personal data. */
public record CardView(String cardNo, CardStatus status, String residentId, String applicationId, String regionCode,
                       String institutionCode, Instant producedAt, Instant issuedAt) {
}
