package cn.healthcard.production.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exchange folders of each card maker (BPM-04): {@code <root>/<maker>/outbox/} (data files and order manifests
 * from the centre), {@code inbox/} (result files from the maker), {@code processed/} and {@code rejected/}.
 */
@Component
public class DropFolder {

    private final Path root;

    DropFolder(@Value("${healthcard.production.drop-folder.root:./data/production}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path outbox(String maker) {
        return dir(maker, "outbox");
    }

    public Path inbox(String maker) {
        return dir(maker, "inbox");
    }

    public Path processed(String maker) {
        return dir(maker, "processed");
    }

    public Path rejected(String maker) {
        return dir(maker, "rejected");
    }

    private Path dir(String maker, String name) {
        if (maker == null || !maker.matches("[A-Za-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("not a maker code: " + maker);
        }
        Path dir = root.resolve(maker).resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
