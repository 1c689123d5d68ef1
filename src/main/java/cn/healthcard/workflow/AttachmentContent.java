package cn.healthcard.workflow;

/** A case's file with its content, for download (each read audited). */
public record AttachmentContent(CaseAttachment attachment, byte[] content) {
}
