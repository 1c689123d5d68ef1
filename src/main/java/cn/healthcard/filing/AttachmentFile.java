package cn.healthcard.filing;

/** An attachment's bytes for a download. */
public record AttachmentFile(String fileName, String contentType, String sm3, byte[] content) {
}
