package cn.healthcard.supervision.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes the export folder's leftovers (decision 038): files no done job points to, older than the keeping time — a
 * crash between publishing a file and recording it, a failed delete at expiry, another node's files in a shared
 * folder whose node is gone — and the workbook's temporary files of the same age.
 */
final class ExportFolderSweep {

    private static final Logger log = LoggerFactory.getLogger(ExportFolderSweep.class);

    private ExportFolderSweep() {
    }

    /** @return how many files were deleted */
    static int sweep(Path folder, Path temp, Set<String> kept, Instant olderThan) {
        int deleted = 0;
        for (Path dir : new Path[] {folder, temp}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file) && !kept.contains(file.toString())
                            && Files.getLastModifiedTime(file).toInstant().isBefore(olderThan)) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                }
            } catch (IOException e) {
                log.warn("could not sweep {}", dir, e);
            }
        }
        if (deleted > 0) {
            log.info("export folder sweep deleted {} leftover files", deleted);
        }
        return deleted;
    }
}
