package cn.healthcard.workflow;

import java.time.Instant;

/**
 * A note on a case: a comment (on a task or on the case), a co-approver's verdict, a send-back reason, a delegation
 * note (docs/decisions/034).
 *
 * @param taskId   the task it was written at; null for a comment on the case
 * @param kind     {@code COMMENT}, {@code CO_APPROVAL}, {@code SEND_BACK} or {@code DELEGATION}
 * @param replayed true when a request with the same request id had already made this note (nothing new was added)
 */
public record CaseNote(String id, String caseRef, String taskId, String taskName, String kind, String author,
                       String body, Instant created, boolean replayed) {
}
