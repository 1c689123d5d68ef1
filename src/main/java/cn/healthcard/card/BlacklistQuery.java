package cn.healthcard.card;

import java.time.LocalDate;

/**
 * Filter for {@link BlacklistService#query}. Every part is optional (null or blank = any): card number (exact),
 * document type + number (turned into the keyed index, never stored or compared in plaintext), kind, state, and the
 * date the entry was added (China time, both ends inclusive).
 */
public record BlacklistQuery(String cardNo, String documentType, String documentNumber, BlacklistKind kind,
                             State state, LocalDate addedFrom, LocalDate addedTo) {

    public enum State { ALL, ACTIVE, REMOVED }

    /** Everything, active and removed. */
    public static BlacklistQuery all() {
        return new BlacklistQuery(null, null, null, null, State.ALL, null, null);
    }

    /** Only active entries. */
    public static BlacklistQuery active() {
        return new BlacklistQuery(null, null, null, null, State.ACTIVE, null, null);
    }
}
