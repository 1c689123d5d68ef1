package cn.healthcard.report;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The embedded Chinese font, WenQuanYi Micro Hei from {@code reports/fonts/} (licence next to it), loaded once per JVM.
 * Only the glyphs a document uses are embedded in it (subset, Identity-H).
 */
final class CjkFont {

    static final String RESOURCE = "reports/fonts/wqy-microhei.ttc";

    /** Loaded on first use by the class-holder idiom. */
    static final BaseFont BASE = load();

    private CjkFont() {
    }

    private static BaseFont load() {
        try (InputStream in = CjkFont.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Font " + RESOURCE + " is missing from the classpath");
            }
            // ",0" picks the first face of the TrueType collection
            return BaseFont.createFont("wqy-microhei.ttc,0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("Font " + RESOURCE + " cannot be read", e);
        }
    }
}
