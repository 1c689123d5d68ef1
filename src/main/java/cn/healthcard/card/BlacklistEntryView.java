package cn.healthcard.card;

import java.time.Instant;

/**
 * A blacklist entry as screens and callers see it. {@code documentIndex} is the keyed (HMAC-SM3) index of the
 * resident's document, never the number itself; {@code removedAt == null} means the entry is active. {@code regionCode}: the region whose centres manage the
 * entry (the card's region, or the listing centre's); eligibility checks are national all the same.
 */
public record BlacklistEntryView(long id, BlacklistKind kind, String cardNo, String documentIndex, String reason,
                                 String addedBy, Instant addedAt, String removedBy, Instant removedAt,
                                 String removeReason, String regionCode) {

    public boolean active() {
        return removedAt == null;
    }
}
