package cn.healthcard.card;

import java.time.Instant;

/**
 * One step of a card's life as replayed in order (APP-13). The request's form (personal data) stays in the database;
 * its request id leads to it through the audited request views.
 */
public record CardHistoryEntry(int seq, Instant occurredAt, CardAction action, CardStatus from, CardStatus to,
                               String reason, String requestId, String requestedBy, String approvedBy, String actor,
                               String institutionCode) {
}
