package cn.healthcard.card;

import java.time.Instant;

/**
 * One step of a card's life as replayed in order (APP-13). {@code formData} is the request's form as JSON (personal
 * data: shown to roles that need it only).
 */
public record CardHistoryEntry(int seq, Instant occurredAt, CardAction action, CardStatus from, CardStatus to,
                               String reason, String requestId, String requestedBy, String approvedBy, String actor,
                               String institutionCode, String formData) {
}
