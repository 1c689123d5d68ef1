package cn.healthcard.supervision.export;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The table {@code export_job} (V39): one row per export, direct or in the background. */
@Component
class ExportJobStore {

    private static final String COLUMNS = "id, username, region_code, screen, format, filter_summary, status, rows_done,"
            + " rows_total, file_size, sm3, error, created_at, finished_at, expires_at";

    private final JdbcTemplate jdbc;

    ExportJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new row; {@code status} is QUEUED for a job, DIRECT for a download made at once. */
    void insert(UUID id, String username, String regionCode, ExportRequest request, String filterJson,
                String filterSummary, ExportStatus status, long rowsTotal, String requestId, String node,
                Instant now) {
        jdbc.update("INSERT INTO export_job (id, username, region_code, screen, measure, format, filter_json,"
                        + " filter_summary, status, rows_done, rows_total, request_id, node, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                id.toString(), username, regionCode, request.screen().name(),
                request.measure() == null ? null : request.measure().name(), request.format().name(), filterJson,
                cut(filterSummary, 2000), status.name(), rowsTotal, requestId, node, Timestamp.from(now));
    }

    Optional<ExportJob> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM export_job WHERE id = ?", MAPPER, id.toString()).stream()
                .findFirst();
    }

    /** The job a user made with this request id, if any (a replayed request). */
    Optional<ExportJob> byRequest(String username, String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM export_job WHERE username = ? AND request_id = ?", MAPPER,
                username, requestId).stream().findFirst();
    }

    /** Whether the job was made for this request (same table, format, measure and filter). */
    boolean sameRequest(UUID id, ExportRequest request, String filterJson) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM export_job WHERE id = ? AND screen = ? AND format = ?"
                        + " AND COALESCE(measure, '-') = ? AND filter_json = ?", Long.class, id.toString(),
                request.screen().name(), request.format().name(),
                request.measure() == null ? "-" : request.measure().name(), filterJson);
        return n != null && n == 1;
    }

    List<ExportJob> recent(String username, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM export_job WHERE username = ? ORDER BY created_at DESC"
                + " FETCH FIRST " + limit + " ROWS ONLY", MAPPER, username);
    }

    /**
     * Locks the user until the transaction ends, so two requests of one user check the limits in turn: the user's
     * account row, which exists before the first export (locking only the export rows let two first-ever requests
     * pass together); a machine client has no account row, so its own export rows are locked.
     */
    void lockUser(String username) {
        List<String> account = jdbc.queryForList("SELECT username FROM app_user WHERE username = ? FOR UPDATE",
                String.class, username);
        if (account.isEmpty()) {
            jdbc.queryForList("SELECT id FROM export_job WHERE username = ? FOR UPDATE", String.class, username);
        }
    }

    long openJobs(String username) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM export_job WHERE username = ?"
                + " AND status IN ('QUEUED', 'RUNNING')", Long.class, username);
        return n == null ? 0 : n;
    }

    boolean start(UUID id, Instant now) {
        return jdbc.update("UPDATE export_job SET status = 'RUNNING', started_at = ? WHERE id = ? AND status = 'QUEUED'",
                Timestamp.from(now), id.toString()) == 1;
    }

    /** The rows written so far; false if the job is no longer RUNNING (failed by the deadline's sweep). */
    boolean progress(UUID id, long rowsDone) {
        return jdbc.update("UPDATE export_job SET rows_done = ? WHERE id = ? AND status = 'RUNNING'", rowsDone,
                id.toString()) == 1;
    }

    /** The job's file is published; false if the job is no longer RUNNING (then nothing changes). */
    boolean done(UUID id, long rows, String filePath, long fileSize, String sm3, String caseNumbers, Instant now,
                 Instant expiresAt) {
        return jdbc.update("UPDATE export_job SET status = 'DONE', rows_done = ?, rows_total = ?, file_path = ?,"
                        + " file_size = ?, sm3 = ?, case_numbers = ?, finished_at = ?, expires_at = ? WHERE id = ?"
                        + " AND status = 'RUNNING'",
                rows, rows, filePath, fileSize, sm3, caseNumbers, Timestamp.from(now), Timestamp.from(expiresAt),
                id.toString()) == 1;
    }

    /** The user's done files still kept: how many, and their bytes. */
    long[] kept(String username) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(file_size), 0) FROM export_job WHERE username = ?"
                + " AND status = 'DONE'", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, username);
    }

    /**
     * Jobs of any node still QUEUED or RUNNING although they were made before {@code cutoff} (the deadline): FAILED
     * with the reason. A job still running sees it at its next progress and stops.
     */
    int failStale(Instant cutoff, String reason, Instant now) {
        return jdbc.update("UPDATE export_job SET status = 'FAILED', error = ?, finished_at = ? WHERE"
                + " status IN ('QUEUED', 'RUNNING') AND created_at < ?", cut(reason, 500), Timestamp.from(now),
                Timestamp.from(cutoff));
    }

    /** The paths of the files done jobs still point to (the files the orphan sweep must leave). */
    java.util.Set<String> keptPaths() {
        return new java.util.HashSet<>(jdbc.queryForList("SELECT file_path FROM export_job WHERE status = 'DONE'"
                + " AND file_path IS NOT NULL", String.class));
    }

    /** A direct download's row gets what was written. */
    void direct(UUID id, long rows, long fileSize, String sm3, String caseNumbers, Instant now) {
        jdbc.update("UPDATE export_job SET rows_done = ?, rows_total = ?, file_size = ?, sm3 = ?, case_numbers = ?,"
                + " finished_at = ? WHERE id = ?", rows, rows, fileSize, sm3, caseNumbers, Timestamp.from(now),
                id.toString());
    }

    void failed(UUID id, String error, Instant now) {
        jdbc.update("UPDATE export_job SET status = 'FAILED', error = ?, finished_at = ? WHERE id = ?"
                + " AND status IN ('QUEUED', 'RUNNING')", cut(error, 500), Timestamp.from(now), id.toString());
    }

    /** Jobs this node left open when it stopped: FAILED, with the reason. Their ids (their files to delete). */
    List<String> failOpen(String node, String reason, Instant now) {
        List<String> ids = jdbc.queryForList("SELECT id FROM export_job WHERE node = ?"
                + " AND status IN ('QUEUED', 'RUNNING')", String.class, node);
        for (String id : ids) {
            failed(UUID.fromString(id), reason, now);
        }
        return ids;
    }

    /** This node's done jobs whose files are due: (id, path) — another node's file is not on this node's disk. */
    List<String[]> due(Instant now, String node) {
        return jdbc.query("SELECT id, file_path FROM export_job WHERE status = 'DONE' AND expires_at <= ?"
                        + " AND node = ?", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                Timestamp.from(now), node);
    }

    void expired(UUID id) {
        jdbc.update("UPDATE export_job SET status = 'EXPIRED', file_path = NULL WHERE id = ? AND status = 'DONE'",
                id.toString());
    }

    Optional<String> filePath(UUID id) {
        return jdbc.query("SELECT file_path FROM export_job WHERE id = ? AND status = 'DONE'",
                (rs, n) -> rs.getString(1), id.toString()).stream().filter(p -> p != null).findFirst();
    }

    /** The case numbers an export wrote (its record), one per line, or empty. */
    String caseNumbers(UUID id) {
        return jdbc.query("SELECT case_numbers FROM export_job WHERE id = ?", (rs, n) -> rs.getString(1),
                id.toString()).stream().filter(s -> s != null).findFirst().orElse("");
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static final RowMapper<ExportJob> MAPPER = ExportJobStore::map;

    private static ExportJob map(ResultSet rs, int n) throws SQLException {
        long size = rs.getLong("file_size");
        Long fileSize = rs.wasNull() ? null : size;
        return new ExportJob(UUID.fromString(rs.getString("id")), rs.getString("username"),
                rs.getString("region_code"), ExportScreen.valueOf(rs.getString("screen")),
                ExportFormat.valueOf(rs.getString("format")), rs.getString("filter_summary"),
                ExportStatus.valueOf(rs.getString("status")), rs.getLong("rows_done"), rs.getLong("rows_total"),
                fileSize, rs.getString("sm3"), rs.getString("error"), instant(rs, "created_at"),
                instant(rs, "finished_at"), instant(rs, "expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
