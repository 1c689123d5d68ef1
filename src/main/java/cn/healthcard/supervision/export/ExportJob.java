package cn.healthcard.supervision.export;

import java.time.Instant;
import java.util.UUID;

/**
 * An export as its owner sees it: what was asked, how far it is ({@code rowsDone} of {@code rowsTotal}), and, when
 * done, the file's size and SM3 until it expires. Only the owner ever sees a job.
 */
public record ExportJob(UUID id, String username, String regionCode, ExportScreen screen, ExportFormat format,
                        String filterSummary, ExportStatus status, long rowsDone, long rowsTotal, Long fileSize,
                        String sm3, String error, Instant createdAt, Instant finishedAt, Instant expiresAt) {

    /** Progress in percent (0–100). */
    public int percent() {
        if (status == ExportStatus.DONE || status == ExportStatus.DIRECT) {
            return 100;
        }
        return rowsTotal <= 0 ? 0 : (int) Math.min(100, rowsDone * 100 / rowsTotal);
    }

    /** The download's file name, e.g. {@code issuing-20261207-0930.xlsx}. */
    public String fileName() {
        return SupervisionExports.fileName(screen, format, createdAt);
    }
}
