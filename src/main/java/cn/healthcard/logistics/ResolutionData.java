package cn.healthcard.logistics;

/**
 * Discrepancy handling with the sender (PER-12): the recount, whether the sender sends replacement cards, and the
 * investigation record. The receipt then books what arrived.
 */
public record ResolutionData(int recount, boolean replacementCards, String investigation) {
}
