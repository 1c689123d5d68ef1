package cn.healthcard.workflow;

import java.time.Instant;

/**
 * A file attached to a task of a case, without its content (docs/decisions/034).
 *
 * @param contentType the type detected from the content: {@code application/pdf}, {@code image/png} or
 *                    {@code image/jpeg}
 * @param replayed    true when a request with the same request id had already stored this file
 */
public record CaseAttachment(String id, String caseRef, String taskId, String taskName, String fileName,
                             String contentType, int sizeBytes, String sha256, String uploadedBy, Instant uploaded,
                             boolean replayed) {
}
