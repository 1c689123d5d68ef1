package cn.healthcard.sam;

import java.time.Instant;

/**
 * One change of the SAM blacklist (BL-01): ADDED when a SAM is frozen or cancelled ({@code reason} FROZEN or
 * CANCELLED; a frozen SAM that is cancelled is ADDED again with the new reason), REMOVED when it is unfrozen.
 * {@code seq} grows and becomes visible in order.
 */
public record SamBlacklistChange(long seq, Action action, String samNo, String reason, String terminalNo,
                                 Instant at) {

    public enum Action { ADDED, REMOVED }
}
