package cn.healthcard.supervision.export;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFileCreationStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * Where export files lie and how much they may take (decision 038): the folder, owner-only ({@code rwx------}, its
 * files {@code rw-------}, the workbook's temporary files in its own {@code tmp}); how long a file is kept; the node;
 * the job deadline; the per-user quota of kept files and bytes, the largest file and the free space a job needs.
 */
@Component
class ExportSettings {

    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(ExportSettings.class);

    final Path folder;
    final Duration keep;
    final String node;
    final Duration maxDuration;
    final int maxKeptFiles;
    final long maxKeptBytes;
    final long maxFileBytes;
    final long minFreeBytes;

    ExportSettings(@Value("${healthcard.export.folder:./data/exports}") Path folder,
                   @Value("${healthcard.export.keep:PT24H}") Duration keep,
                   @Value("${healthcard.export.node:}") String node,
                   @Value("${healthcard.export.max-duration:PT1H}") Duration maxDuration,
                   @Value("${healthcard.export.max-kept-files:10}") int maxKeptFiles,
                   @Value("${healthcard.export.max-kept-size:2GB}") DataSize maxKeptSize,
                   @Value("${healthcard.export.max-file-size:1GB}") DataSize maxFileSize,
                   @Value("${healthcard.export.min-free-space:1GB}") DataSize minFreeSpace) {
        this.folder = folder.toAbsolutePath().normalize();
        this.keep = keep;
        this.node = node == null || node.isBlank() ? hostName() : node.strip();
        if (maxDuration.compareTo(keep) >= 0) {
            throw new IllegalStateException("healthcard.export.max-duration must be shorter than healthcard.export.keep");
        }
        this.maxDuration = maxDuration;
        this.maxKeptFiles = maxKeptFiles;
        this.maxKeptBytes = maxKeptSize.toBytes();
        this.maxFileBytes = maxFileSize.toBytes();
        this.minFreeBytes = minFreeSpace.toBytes();
    }

    /** The folder and its {@code tmp}, created owner-only, or narrowed to the owner if they were wider. */
    Path folder() throws IOException {
        secure(folder);
        secure(temp());
        return folder;
    }

    Path temp() {
        return folder.resolve("tmp");
    }

    /** Where the workbook's rows go while it is written (POI's temporary files), on this thread only. */
    TempFileCreationStrategy tempFiles() {
        return new DefaultTempFileCreationStrategy(temp().toFile());
    }

    /** A new file, owner-only ({@code rw-------}); one already there is an error. */
    static OutputStream create(Path file) throws IOException {
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
        return Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes));
    }

    private static void secure(Path dir) throws IOException {
        boolean posix = Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix && !Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
            log.warn("export folder {} was {}, now owner-only", dir,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Files.setPosixFilePermissions(dir, OWNER_DIR); // throws if this account may not: the start fails
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
