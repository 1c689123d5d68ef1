package cn.healthcard.card;

import java.time.Instant;

/**
 * A card (or temporary card) was used at a medical institution's terminal (SUP-03): published in the transaction that
 * records the use, for the supervision rollups; {@code regionCode} is the institution's region at that moment (null
 * for an institution the register does not know). Not an audited event: uses are counted, not logged one by one.
 */
public record CardUsed(String cardNo, String institutionCode, String scenario, Instant usedAt, String regionCode) {
}
