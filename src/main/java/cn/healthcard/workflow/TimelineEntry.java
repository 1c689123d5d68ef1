package cn.healthcard.workflow;

import java.time.Instant;

/**
 * One line of a case's timeline (BPM-02, docs/decisions/034).
 *
 * @param kind         {@code TASK_CREATED}, {@code TASK_COMPLETED}, {@code DECISION}, {@code COMMENT},
 *                     {@code CO_APPROVAL}, {@code SEND_BACK}, {@code DELEGATION} or {@code ATTACHMENT}
 * @param title        the task's name, the decision, the file's name
 * @param actor        who did it (username), null for the system
 * @param text         the comment, verdict or reason; the file's type and size
 * @param attachmentId the file, for {@code ATTACHMENT}
 */
public record TimelineEntry(Instant at, String kind, String title, String actor, String text, String attachmentId) {
}
