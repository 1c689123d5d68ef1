package cn.healthcard.filing.internal;

import cn.healthcard.filing.AttachmentKind;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A certificate or test report of a filing: the bytes (Base64 in the row), their type, size and SM3 hash. */
@Entity
@Table(name = "filing_attachment")
public class FilingAttachment {

    @Id
    private String id;
    private String filingId;
    @Enumerated(EnumType.STRING)
    private AttachmentKind kind;
    private String fileName;
    private String contentType;
    private int sizeBytes;
    private String sm3;
    @Column(name = "content_b64")
    @Convert(converter = Base64Converter.class)
    @Basic(fetch = FetchType.LAZY)
    private byte[] content;
    private String uploadedBy;
    private Instant uploadedAt;

    protected FilingAttachment() {
    }

    public FilingAttachment(String filingId, AttachmentKind kind, String fileName, String contentType, byte[] content,
                            String sm3, String uploadedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.filingId = filingId;
        this.kind = kind;
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.sizeBytes = content.length;
        this.sm3 = sm3;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = now;
    }

    public String id() { return id; }
    public String filingId() { return filingId; }
    public AttachmentKind kind() { return kind; }
    public String fileName() { return fileName; }
    public String contentType() { return contentType; }
    public int sizeBytes() { return sizeBytes; }
    public String sm3() { return sm3; }
    public byte[] content() { return content; }
    public String uploadedBy() { return uploadedBy; }
    public Instant uploadedAt() { return uploadedAt; }
}
