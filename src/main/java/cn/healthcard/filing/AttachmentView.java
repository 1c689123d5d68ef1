package cn.healthcard.filing;

import java.time.Instant;

/** An attachment's metadata: the bytes are downloaded separately (each download audited). */
public record AttachmentView(String id, AttachmentKind kind, String fileName, String contentType, int sizeBytes,
                             String sm3, String uploadedBy, Instant uploadedAt) {
}
