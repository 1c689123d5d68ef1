package cn.healthcard.common;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Width and height of a JPEG or PNG image read from its header alone, without decoding a single pixel. Uploaded
 * photos are checked with this before they are decoded: a small file can declare a huge canvas (a decompression
 * bomb), which {@code ImageIO.read} would try to allocate.
 */
public record ImageHeader(String format, int width, int height) {

    /** The header of {@code data}, or empty when it is no readable image. Never decodes the pixels. */
    public static Optional<ImageHeader> read(byte[] data) {
        if (data == null || data.length == 0) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            if (in == null) {
                return Optional.empty();
            }
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new ImageHeader(reader.getFormatName().toLowerCase(java.util.Locale.ROOT),
                        reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Pixels of the canvas the header declares. */
    public long pixels() {
        return (long) width * height;
    }
}
