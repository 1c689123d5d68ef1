package cn.healthcard.supervision.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.report.ChartSpec;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/** The export path of the supervision screens, as a screen calls it (ExportBar) and as the background job runs. */
class ExportJobIT extends ExportTestBase {

    static final StatisticsFilter DECEMBER = StatisticsFilter.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7));

    @Autowired SupervisionExports exports;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired ExportSettings settings;
    @Autowired ExportJobStore store;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    @DisplayName("SUP-02 STAT-01 SEC-03: a small table downloads at once as a typed workbook with totals and notes; the export is recorded and audited without personal data")
    void directDownload() throws IOException {
        var outcome = users.as("supervisor", () -> exports.export(
                new ExportRequest(ExportScreen.ISSUING, ExportFormat.XLSX, DECEMBER, null), () -> null));
        assertThat(outcome).isInstanceOf(SupervisionExports.Ready.class);
        var ready = (SupervisionExports.Ready) outcome;
        assertThat(ready.fileName()).matches("issuing-\\d{8}-\\d{6}\\.xlsx");
        assertThat(ready.contentType()).isEqualTo(ExportFormat.XLSX.contentType());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(ready.body()))) {
            Sheet sheet = workbook.getSheet("发放监管");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(sheet.getRow(4).getCell(5).getNumericCellValue()).isEqualTo(157.0);
            assertThat(sheet.getRow(4).getCell(8).getNumericCellValue()).isEqualTo(129.0);
            assertThat(sheet.getRow(2).getCell(4).getCellType()).isEqualTo(CellType.STRING);
            assertThat(workbook.getSheet("说明").getRow(4).getCell(1).getStringCellValue())
                    .isEqualTo("赵审核（supervisor）");
        }
        Map<String, Object> audit = lastAudit("supervisor");
        assertThat((String) audit.get("detail")).startsWith("Excel：发放监管 3 行；统计期：2026-12-01 至 2026-12-07（按日）")
                .endsWith("个人数据：否");
        assertThat(audit.get("region_code")).isEqualTo("110105");
        Map<String, Object> job = jdbc.queryForMap("SELECT * FROM export_job WHERE id = ?", audit.get("subject_id"));
        assertThat(job.get("status")).isEqualTo("DIRECT");
        assertThat(job.get("rows_done")).isEqualTo(3L);
    }

    @Test
    @DisplayName("SUP-02 SEC-03: a case list over 10 000 rows runs in the background as the user, its progress rises, the file is the owner's alone, and the audit entry names the personal data exported")
    void backgroundCaseList() throws Exception {
        var outcome = users.as("supervisor", () -> exports.export(
                new ExportRequest(ExportScreen.CASES, ExportFormat.XLSX, DECEMBER, Measure.SIGNED), () -> null));
        assertThat(outcome).isInstanceOf(SupervisionExports.Queued.class);
        UUID id = ((SupervisionExports.Queued) outcome).job().id();
        assertThat(((SupervisionExports.Queued) outcome).job().rowsTotal()).isEqualTo(25_000);

        TreeSet<Long> seen = new TreeSet<>();
        ExportJob job = awaitEnd("supervisor", id, seen);
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(ExportStatus.DONE);
        assertThat(job.rowsDone()).isEqualTo(25_000);
        assertThat(seen.subSet(1L, 25_000L)).as("progress seen between start and end").isNotEmpty();
        assertThat(job.expiresAt()).isEqualTo(job.finishedAt().plus(Duration.ofHours(24)));

        var file = users.as("supervisor", () -> exports.file(id));
        assertThat(file.fileName()).matches("cases-\\d{8}-\\d{6}\\.xlsx");
        try (InputStream in = Files.newInputStream(file.path()); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheet("案例明细");
            assertThat(sheet.getLastRowNum()).isEqualTo(25_000);
            assertThat(sheet.getRow(25_000).getCell(0).getStringCellValue())
                    .isEqualTo(FakeSupervisionStatistics.caseNo(24_999));
            assertThat(DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(6))).isTrue();
            assertThat(workbook.getSheet("说明").getRow(workbook.getSheet("说明").getLastRowNum()).getCell(1)
                    .getNumericCellValue()).isEqualTo(25_000.0);
        }
        assertThat(job.sm3()).hasSize(64);

        assertThatThrownBy(() -> users.as("lead", () -> exports.file(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("admin", () -> exports.job(id))).isInstanceOf(NotFoundException.class);
        assertThat(users.as("lead", () -> exports.mine())).extracting(ExportJob::id).doesNotContain(id);

        Map<String, Object> audit = jdbc.queryForMap("SELECT * FROM audit_event WHERE event_type = 'StatisticsExported'"
                + " AND subject_id = ?", id.toString());
        assertThat(audit.get("actor")).isEqualTo("supervisor");
        assertThat((String) audit.get("detail")).startsWith("Excel：案例明细 25000 行；")
                .contains("个人数据：是，业务编号 25000 个（SM3 ")
                .contains(FakeSupervisionStatistics.caseNo(0) + "、" + FakeSupervisionStatistics.caseNo(1));
        String numbers = users.as("supervisor", () -> exports.caseNumbers(id));
        assertThat(numbers.split("\n")).as("every case number written is recorded").hasSize(25_000)
                .startsWith(FakeSupervisionStatistics.caseNo(0));
        assertThat((String) audit.get("detail")).contains(
                cn.healthcard.crypto.Sm3OutputStream.sm3Hex(numbers.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("SEC-03: a background file and its folder are the service account's alone (rw------- / rwx------), and every download of it is audited")
    void ownerOnlyAndDownloadAudited() throws Exception {
        UUID id = users.as("supervisor", () -> exports.queue(new ExportRequest(ExportScreen.ISSUING,
                ExportFormat.XLSX, DECEMBER, null), null)).id();
        assertThat(awaitEnd("supervisor", id, new TreeSet<>()).status()).isEqualTo(ExportStatus.DONE);
        long before = downloads(id);
        Path path = users.as("supervisor", () -> exports.file(id)).path();
        users.as("supervisor", () -> exports.file(id));
        assertThat(downloads(id)).as("one entry per download").isEqualTo(before + 2);
        Map<String, Object> entry = jdbc.queryForMap("SELECT * FROM audit_event WHERE event_type ="
                + " 'StatisticsExportDownloaded' AND subject_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                id.toString());
        assertThat(entry.get("actor")).isEqualTo("supervisor");
        assertThat((String) entry.get("detail")).startsWith("下载 Excel：发放监管 3 行；个人数据：否；文件 SM3 ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.temp())))
                .isEqualTo("rwx------");
        try (var left = Files.list(settings.temp())) {
            assertThat(left).as("the workbook's temporary files are removed").isEmpty();
        }
    }

    @Test
    @DisplayName("SEC-03: a case list longer than an export may record is refused (400 naming the filter) before any job exists, so no export is audited in part")
    void caseListCapped() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> exports.queue(new ExportRequest(ExportScreen.CASES,
                ExportFormat.CSV, DECEMBER, Measure.UNSIGNED), null)))
                .isInstanceOfSatisfying(cn.healthcard.common.DomainValidationException.class, e ->
                        assertThat(e.getMessage()).contains("100001 行").contains("缩小统计期"));
        assertThatThrownBy(() -> users.as("supervisor", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.XLSX, DECEMBER, Measure.UNSIGNED), () -> null)))
                .isInstanceOf(cn.healthcard.common.DomainValidationException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("SEC-03: a job that dies of an Error or a database failure ends FAILED with a Chinese reason, never left RUNNING, and shows no SQL or path")
    void failuresEndFailed() throws Exception {
        UUID oom = users.as("lead", () -> exports.queue(new ExportRequest(ExportScreen.CASES, ExportFormat.CSV,
                DECEMBER, Measure.OVERDUE), null)).id();
        ExportJob dead = awaitEnd("lead", oom, new TreeSet<>());
        assertThat(dead.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(dead.error()).isEqualTo("导出失败：服务器内存不足，请缩小范围后重新导出");
        UUID sql = users.as("lead", () -> exports.queue(new ExportRequest(ExportScreen.CASES, ExportFormat.CSV,
                DECEMBER, Measure.HANDLED), null)).id();
        ExportJob failed = awaitEnd("lead", sql, new TreeSet<>());
        assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(failed.error()).isEqualTo("导出失败：数据读取错误，请稍后重新导出").doesNotContain("SELECT");
        try (var left = Files.list(settings.folder)) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.startsWith(oom.toString())
                    || n.startsWith(sql.toString()));
        }
    }

    @Test
    @DisplayName("SEC-03: the cleanup fails any node's job open longer than the deadline, expires only this node's files, and deletes leftover files no done job points to")
    void cleanup() throws Exception {
        String stale = insertOpen("lead", "gone-node", "RUNNING", Instant.now().minus(Duration.ofHours(2)));
        String fresh = insertOpen("lead", "gone-node", "QUEUED");
        String theirs = insertOpen("lead", "another-node", "DONE");
        jdbc.update("UPDATE export_job SET expires_at = ?, file_path = '/elsewhere/x.csv' WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), theirs);
        Path leftover = settings.folder().resolve(UUID.randomUUID() + ".csv");
        Files.writeString(leftover, "案例");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        Path young = settings.folder().resolve(UUID.randomUUID() + ".part");
        Files.writeString(young, "案例");
        try {
            exports.expire();
            assertThat(status(stale)).isEqualTo("FAILED");
            assertThat(jdbc.queryForObject("SELECT error FROM export_job WHERE id = ?", String.class, stale))
                    .startsWith("导出超时");
            assertThat(status(fresh)).isEqualTo("QUEUED");
            assertThat(status(theirs)).as("another node's file is not on this disk").isEqualTo("DONE");
            assertThat(Files.exists(leftover)).isFalse();
            assertThat(Files.exists(young)).isTrue();
        } finally {
            Files.deleteIfExists(young);
            jdbc.update("DELETE FROM export_job WHERE id IN (?, ?, ?)", stale, fresh, theirs);
        }
    }

    @Test
    @DisplayName("SEC-03: a user whose kept files reach the quota gets 409 EXPORT_QUOTA in Chinese, until they expire")
    void quota() {
        String big = insertOpen("admin", NODE, "DONE");
        jdbc.update("UPDATE export_job SET file_size = ?, expires_at = ? WHERE id = ?", 3L << 30,
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))), big);
        try {
            assertThatThrownBy(() -> users.as("admin", () -> exports.queue(new ExportRequest(ExportScreen.ISSUING,
                    ExportFormat.CSV, DECEMBER, null), null)))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code() + e.getMessage())
                            .startsWith("EXPORT_QUOTA").contains("达到上限").contains("2048 MB"));
        } finally {
            jdbc.update("DELETE FROM export_job WHERE id = ?", big);
        }
    }

    @Test
    @DisplayName("SEC-03 SEC-01: a job whose user was disabled after asking does not run with the old rights: FAILED 「账号权限已变更」")
    void rightsRecheckedOnTheWorker() throws Exception {
        try {
            UUID id = users.as("auditor", () -> {
                jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = 'auditor'");
                return exports.queue(new ExportRequest(ExportScreen.ISSUING, ExportFormat.CSV, DECEMBER, null),
                        null).id();
            });
            ExportJob job = awaitEnd("auditor", id, new TreeSet<>());
            assertThat(job.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(job.error()).isEqualTo("账号权限已变更，导出未执行");
        } finally {
            jdbc.update("UPDATE app_user SET enabled = TRUE WHERE username = 'auditor'");
        }
    }

    private long downloads(UUID id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsExportDownloaded'"
                + " AND subject_id = ?", Long.class, id.toString());
    }

    @Test
    @DisplayName("SUP-02 ORG-05: an export for a region outside the caller's is refused before any job is queued")
    void anotherRegion() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class);
        assertThatThrownBy(() -> users.as("shsupervisor", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.CSV, DECEMBER.withRegion("110105"), Measure.SIGNED), () -> null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> exports.export(new ExportRequest(ExportScreen.ISSUING,
                ExportFormat.CSV, DECEMBER, null), () -> null))).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("SEC-03: a finished file is deleted when it expires; the record stays, EXPIRED, and the file is no longer given")
    void expiry() throws Exception {
        UUID id = users.as("auditor", () -> exports.queue(new ExportRequest(ExportScreen.USAGE, ExportFormat.CSV,
                DECEMBER, null), null)).id();
        ExportJob done = awaitEnd("auditor", id, new TreeSet<>());
        assertThat(done.status()).isEqualTo(ExportStatus.DONE);
        var path = users.as("auditor", () -> exports.file(id)).path();
        assertThat(Files.readString(path)).startsWith("\uFEFF统计期,").contains("合计,");
        jdbc.update("UPDATE export_job SET expires_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), id.toString());
        exports.expire();
        assertThat(Files.exists(path)).isFalse();
        assertThat(users.as("auditor", () -> exports.job(id)).status()).isEqualTo(ExportStatus.EXPIRED);
        assertThatThrownBy(() -> users.as("auditor", () -> exports.file(id))).isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("SEC-03: jobs this node left open when it stopped are FAILED on start; another node's are left alone")
    void restartFailsOpenJobs() {
        String mine = insertOpen("lead", NODE, "RUNNING");
        String other = insertOpen("lead", "another-node", "QUEUED");
        exports.failLeftOpen();
        assertThat(status(mine)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT error FROM export_job WHERE id = ?", String.class, mine))
                .contains("服务重启");
        assertThat(status(other)).isEqualTo("QUEUED");
        jdbc.update("DELETE FROM export_job WHERE id = ?", other);
    }

    @Test
    @DisplayName("SEC-03: one user may have at most 3 unfinished jobs; a PDF is not a background job")
    void limits() {
        String[] open = {insertOpen("admin", "another-node", "QUEUED"), insertOpen("admin", "another-node", "QUEUED"),
                insertOpen("admin", "another-node", "RUNNING")};
        assertThatThrownBy(() -> users.as("admin", () -> exports.queue(new ExportRequest(ExportScreen.ISSUING,
                ExportFormat.CSV, DECEMBER, null), null))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("3 个导出任务未完成");
        for (String id : open) {
            jdbc.update("DELETE FROM export_job WHERE id = ?", id);
        }
        assertThatThrownBy(() -> users.as("admin", () -> exports.queue(new ExportRequest(ExportScreen.ISSUING,
                ExportFormat.PDF, DECEMBER, null), null)))
                .isInstanceOf(cn.healthcard.common.DomainValidationException.class);
    }

    @Test
    @DisplayName("BPM-06 SUP-02: the PDF prints at once with the chart and the exported table's rows — a case list only its first 2 000, saying so — and is audited")
    void pdf() throws IOException {
        ChartSpec chart = new ChartSpec(ChartSpec.Kind.BAR, "各地区发放情况", "张", java.util.List.of("朝阳区", "海淀区", "东城区"),
                java.util.List.of(new ChartSpec.SeriesSpec("申领数", java.util.List.of(120, 30, 7))));
        var ready = (SupervisionExports.Ready) users.as("supervisor", () -> exports.export(new ExportRequest(
                ExportScreen.ISSUING, ExportFormat.PDF, DECEMBER, null), () -> chart));
        assertThat(ready.contentType()).isEqualTo("application/pdf");
        assertThat(new String(ready.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(text(ready.body())).contains("发放监管").contains("北京市朝阳区发卡点");
        assertThat((String) lastAudit("supervisor").get("detail")).startsWith("PDF：发放监管 3 行；");

        var cases = users.as("supervisor", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.PDF, DECEMBER, Measure.SIGNED), () -> null));
        assertThat(cases).as("a PDF is never a background job").isInstanceOf(SupervisionExports.Ready.class);
        assertThat(text(((SupervisionExports.Ready) cases).body())).contains("仅打印前");
        assertThat((String) lastAudit("supervisor").get("detail")).startsWith("PDF：案例明细 2000 行；")
                .contains("个人数据：是，业务编号 2000 个");
    }

    private static String text(byte[] pdf) throws IOException {
        try (var reader = new com.lowagie.text.pdf.PdfReader(pdf)) {
            return new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
        }
    }

    private ExportJob awaitEnd(String user, UUID id, TreeSet<Long> seen) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            ExportJob job = users.as(user, () -> exports.job(id));
            seen.add(job.rowsDone());
            if (!job.status().open()) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("export " + id + " did not end in 120 s");
    }

    private String insertOpen(String username, String node, String status) {
        return insertOpen(username, node, status, Instant.now());
    }

    private String insertOpen(String username, String node, String status, Instant created) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO export_job (id, username, region_code, screen, format, filter_json, filter_summary,"
                + " status, rows_done, rows_total, node, created_at) VALUES (?, ?, '110105', 'ISSUING', 'CSV', '{}',"
                + " '', ?, 0, 3, ?, ?)", id, username, status, node, Timestamp.from(created));
        return id;
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM export_job WHERE id = ?", String.class, id);
    }

    private Map<String, Object> lastAudit(String actor) {
        return jdbc.queryForMap("SELECT * FROM audit_event WHERE event_type = 'StatisticsExported' AND actor = ?"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", actor);
    }

    @Test
    @DisplayName("SEC-03: two first-ever export requests of one user check the job limit in turn: the second waits for the first's lock although the user has no export row yet")
    void firstRequestsOfOneUserAreSerialized() throws Exception {
        jdbc.update("DELETE FROM export_job WHERE username = 'auditor'");
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> first = pool.submit(() -> tx.executeWithoutResult(s -> {
                store.lockUser("auditor");
                locked.countDown();
                await(release);
            }));
            assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<?> second = pool.submit(() -> tx.executeWithoutResult(
                    s -> store.lockUser("auditor")));
            assertThatThrownBy(() -> second.get(700, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .as("the second request waits for the first's lock")
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            release.countDown();
            first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
