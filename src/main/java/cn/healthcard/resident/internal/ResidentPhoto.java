package cn.healthcard.resident.internal;

import cn.healthcard.crypto.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one photo of a resident (keyed by the resident id), encrypted at rest. */
@Entity
@Table(name = "resident_photo")
public class ResidentPhoto {

    @Id
    private String residentId;
    private String contentType;
    private int width;
    private int height;
    private int sizeBytes;
    @Column(name = "data_enc")
    @Encrypted
    @Convert(converter = PhotoTextConverter.class)
    private byte[] data;
    private Instant updatedAt;

    protected ResidentPhoto() {
    }

    public ResidentPhoto(String residentId) {
        this.residentId = residentId;
    }

    public void replace(String contentType, int width, int height, byte[] data, Instant now) {
        this.contentType = contentType;
        this.width = width;
        this.height = height;
        this.sizeBytes = data.length;
        this.data = data;
        this.updatedAt = now;
    }

    public byte[] data() {
        return data;
    }

    public String contentType() {
        return contentType;
    }
}
