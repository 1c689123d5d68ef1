package cn.healthcard.card;

import java.time.Instant;

/**
 * One row of the blacklist change log (BL-03, INT-04). {@code seq} grows monotonically and changes become visible in
 * {@code seq} order, so a copy that applies changes in order and asks again from the last {@code seq} stays exact.
 */
public record BlacklistChange(long seq, Action action, long entryId, BlacklistKind kind, String cardNo,
                              String documentIndex, String reason, Instant at) {

    public enum Action { ADDED, REMOVED }
}
