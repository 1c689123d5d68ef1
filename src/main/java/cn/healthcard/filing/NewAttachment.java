package cn.healthcard.filing;

/** A file sent with an application: what it is, its name, declared type (PDF, PNG, JPEG) and bytes. */
public record NewAttachment(AttachmentKind kind, String fileName, String contentType, byte[] content) {
}
