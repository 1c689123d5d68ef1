package cn.healthcard.sam;

/**
 * A request to freeze, unfreeze or cancel a SAM card. {@code freezeReason} is required for a freeze;
 * {@code urgent} (a freeze for a reported loss only) takes effect at once and is confirmed by the review.
 */
public record SamChangeRequest(String samNo, SamAction action, FreezeReason freezeReason, String reason,
                               boolean urgent) {
}
