package cn.healthcard.workflow;

import java.util.Optional;

/**
 * The allow-list of attachment types, detected by content (the file's first bytes), never by its name or the type
 * the browser declares (docs/decisions/034): PDF ({@code %PDF-}), PNG (its 8-byte signature), JPEG ({@code FF D8 FF}).
 */
public final class FileTypes {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private FileTypes() {
    }

    /** The allowed type the content is, if any. */
    public static Optional<String> detect(byte[] content) {
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    /** Whether a declared type (e.g. the upload's Content-Type) names the detected one; none declared passes. */
    public static boolean matches(String declared, String detected) {
        if (declared == null || declared.isBlank() || declared.equalsIgnoreCase("application/octet-stream")) {
            return true;
        }
        String d = declared.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        return d.equals(detected) || (JPEG.equals(detected) && d.equals("image/jpg"));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content == null || content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
