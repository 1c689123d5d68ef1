package cn.healthcard.card;

import java.time.Instant;

/**
 * One card in the card-status search: card fields, where it belongs, and the holder's name masked (SEC-02); no
 * document number, no resident id.
 */
public record CardStatusRow(String cardNo, CardStatus status, String holderNameMasked, String regionCode,
                            String regionName, String institutionCode, String institutionName, Instant producedAt,
                            Instant issuedAt, Instant statusChangedAt) {
}
