package cn.healthcard.workflow.form;

import cn.healthcard.common.ImageHeader;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Photo upload widget (custom form type {@value #TYPE}): an {@link Upload} kept in memory that accepts one JPEG or
 * PNG file of at most {@value #MAX_FILE_SIZE} bytes and previews it. The value is the file's bytes, {@code null}
 * when there is none. This is the first line of checks only; the resident service checks size, format and
 * dimensions again.
 */
public class PhotoField extends CustomField<byte[]> {

    /** The component type used in form files. */
    public static final String TYPE = "photo";
    /** Largest accepted file: 2 MB. */
    public static final int MAX_FILE_SIZE = 2 * 1024 * 1024;

    /** Longest side the widget passes on; the resident service applies the configured photo dimensions. */
    static final int MAX_SIDE = 8000;

    private static final Set<String> CONTENT_TYPES = Set.of("image/jpeg", "image/png");

    private final Upload upload;
    private final Image preview = new Image();
    private final String rejectedMessage;
    private byte[] photo;

    /** A photo field whose messages follow {@code locale} (Chinese unless English). */
    public PhotoField(Locale locale) {
        rejectedMessage = FormField.isEnglish(locale)
                ? "The photo must be a JPEG or PNG file of at most 2 MB"
                : "照片须为JPEG或PNG格式，且不超过2MB";
        upload = new Upload(UploadHandler.inMemory(this::received));
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_FILE_SIZE);
        var texts = ChineseTexts.upload(locale);
        if (texts != null) {
            upload.setI18n(texts);
        }
        upload.addFileRejectedListener(e -> reject());
        upload.addFileRemovedListener(e -> change(null));
        preview.setAlt(FormField.isEnglish(locale) ? "Photo" : "照片");
        preview.setMaxHeight("160px");
        preview.setVisible(false);
        add(preview, upload);
    }

    private void received(UploadMetadata metadata, byte[] data) {
        if (data.length > MAX_FILE_SIZE || !CONTENT_TYPES.contains(metadata.contentType()) || !plausibleImage(data)) {
            upload.clearFileList();
            reject();
        } else {
            change(data);
        }
    }

    /**
     * The header names a JPEG or PNG canvas of at most {@value #MAX_SIDE} pixels a side. Read from the header only,
     * never decoded here: a small file can declare a canvas too large to decode (decompression bomb).
     */
    static boolean plausibleImage(byte[] data) {
        return ImageHeader.read(data)
                .filter(h -> h.format().equals("jpeg") || h.format().equals("png"))
                .filter(h -> h.width() > 0 && h.height() > 0 && h.width() <= MAX_SIDE && h.height() <= MAX_SIDE)
                .isPresent();
    }

    private void reject() {
        setErrorMessage(rejectedMessage);
        setInvalid(true);
    }

    private void change(byte[] data) {
        showPreview(data);
        updateValue();
    }

    @Override
    protected byte[] generateModelValue() {
        return photo;
    }

    @Override
    protected void setPresentationValue(byte[] value) {
        showPreview(value);
        if (value == null) {
            upload.clearFileList();
        }
    }

    private void showPreview(byte[] data) {
        photo = data;
        preview.setVisible(data != null);
        if (data != null) {
            String contentType = isPng(data) ? "image/png" : "image/jpeg";
            preview.setSrc(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                    new ByteArrayInputStream(data), "photo", contentType, data.length)).inline());
        }
    }

    private static boolean isPng(byte[] data) {
        return data.length > 3 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
    }
}
