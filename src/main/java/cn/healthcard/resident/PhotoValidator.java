package cn.healthcard.resident;

import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.ImageHeader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/** Photo rules (APP-05): JPEG or PNG, at most the configured size, dimensions within the configured bounds. */
@Component
public class PhotoValidator {

    private final int maxBytes;
    private final int minWidth;
    private final int minHeight;
    private final int maxWidth;
    private final int maxHeight;

    public PhotoValidator(@Value("${healthcard.photo.max-bytes:2097152}") int maxBytes,
                          @Value("${healthcard.photo.min-width:240}") int minWidth,
                          @Value("${healthcard.photo.min-height:320}") int minHeight,
                          @Value("${healthcard.photo.max-width:2400}") int maxWidth,
                          @Value("${healthcard.photo.max-height:3200}") int maxHeight) {
        this.maxBytes = maxBytes;
        this.minWidth = minWidth;
        this.minHeight = minHeight;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /** The detected content type, or null when the bytes are neither JPEG nor PNG. */
    public static String contentType(byte[] data) {
        if (data != null && data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8
                && (data[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (data != null && data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N'
                && data[3] == 'G') {
            return "image/png";
        }
        return null;
    }

    public List<FieldViolation> violations(byte[] photo) {
        if (photo == null || photo.length == 0) {
            return List.of(new FieldViolation("photo", "请上传「照片」"));
        }
        if (photo.length > maxBytes) {
            return List.of(new FieldViolation("photo", "「照片」不能超过 " + (maxBytes / 1024) + " KB"));
        }
        if (contentType(photo) == null) {
            return List.of(new FieldViolation("photo", "「照片」须为 JPEG 或 PNG 格式"));
        }
        // dimensions from the header first: a small file may declare a canvas too large to decode (decompression bomb)
        var header = ImageHeader.read(photo).orElse(null);
        if (header == null) {
            return List.of(new FieldViolation("photo", "「照片」文件已损坏，无法识别"));
        }
        if (header.width() < minWidth || header.height() < minHeight
                || header.width() > maxWidth || header.height() > maxHeight) {
            return List.of(new FieldViolation("photo", "「照片」尺寸应在 " + minWidth + "×" + minHeight + " 至 "
                    + maxWidth + "×" + maxHeight + " 像素之间 (当前 " + header.width() + "×" + header.height() + ")"));
        }
        // only now, with a bounded canvas, decode it: the pixels must be readable too
        BufferedImage image = read(photo);
        if (image == null) {
            return List.of(new FieldViolation("photo", "「照片」文件已损坏，无法识别"));
        }
        return List.of();
    }

    static BufferedImage read(byte[] photo) {
        try {
            return ImageIO.read(new ByteArrayInputStream(photo));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
