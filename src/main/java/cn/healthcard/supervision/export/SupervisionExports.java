package cn.healthcard.supervision.export;

import cn.healthcard.crypto.Sm3OutputStream;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.ServiceUnavailableException;
import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.TableExport;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserDirectory;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The one export path of the supervision screens and {@code /api/v1/statistics/exports} (SUP-01…04, STAT-01; SEC-03;
 * decision 038). A table of at most {@value #DIRECT_LIMIT} rows is written at once; a larger one becomes a background
 * job, run as the user who asked for it, whose file that user alone downloads until it expires. Every export is
 * recorded ({@code export_job}) and audited ({@link StatisticsExported}); a case list is personal data, and its case
 * numbers are kept with the record.
 */
@Service
public class SupervisionExports {

    /** The most rows written at once; more go to a background job. */
    public static final int DIRECT_LIMIT = 10_000;
    /** The most rows a PDF prints (Flying Saucer lays out every cell, decision 021); Excel and CSV hold them all. */
    public static final int PDF_LIMIT = 2_000;
    /** The most unfinished jobs one user may have. */
    public static final int MAX_OPEN_JOBS = 3;
    /**
     * The most cases one export lists: the record keeps every case number it wrote, so a larger case list is refused
     * (400 naming the filter) instead of being audited in part.
     */
    public static final int MAX_AUDITED_CASES = 100_000;
    /** The most rows an Excel sheet holds (without heading and totals). */
    static final int XLSX_ROWS = 1_048_574;

    static final String ROLES = "hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')";
    private static final Logger log = LoggerFactory.getLogger(SupervisionExports.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ObjectProvider<SupervisionStatistics> statistics;
    private final ObjectProvider<StatisticsPrinter> printer;
    private final ExportJobStore store;
    private final ExportRunner runner;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExportSettings settings;
    private final UserDirectory directory;
    private final Path folder;
    private final Duration keep;
    private final String node;

    SupervisionExports(ObjectProvider<SupervisionStatistics> statistics, ObjectProvider<StatisticsPrinter> printer,
                       ExportJobStore store, ExportRunner runner, ApplicationEventPublisher events,
                       PlatformTransactionManager transactions, Clock clock, ObjectMapper json,
                       ExportSettings settings, UserDirectory directory) {
        this.statistics = statistics;
        this.printer = printer;
        this.store = store;
        this.runner = runner;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.json = json;
        this.settings = settings;
        this.directory = directory;
        this.folder = settings.folder;
        this.keep = settings.keep;
        this.node = settings.node;
    }

    /** What an export gave: the file at once, or the job that makes it. */
    public sealed interface Outcome permits Ready, Queued {
    }

    /** A file written at once. */
    public record Ready(String fileName, String contentType, byte[] body) implements Outcome {
    }

    /** A background job. */
    public record Queued(ExportJob job) implements Outcome {
    }

    /** A finished job's file, for its owner. */
    public record ExportFile(String fileName, String contentType, Path path, long size) {
    }

    /**
     * The screen's export: at once up to {@value #DIRECT_LIMIT} rows (a PDF prints at most {@value #PDF_LIMIT}, with
     * the chart), else queued as a background job (CSV and Excel).
     *
     * @param chart the screen's chart, for the PDF; not called for CSV and Excel
     */
    @PreAuthorize(ROLES)
    public Outcome export(ExportRequest request, Supplier<ChartSpec> chart) {
        CurrentUser user = SecurityContextUsers.require();
        ExportRows.Loaded loaded = ExportRows.load(statistics(), request);
        if (request.format() != ExportFormat.PDF && loaded.count() > DIRECT_LIMIT) {
            return new Queued(enqueue(user, request, loaded, null));
        }
        return direct(user, request, loaded, chart);
    }

    /**
     * A background job for the export (the API's way, whatever the size); a replayed {@code requestId} gives the job
     * made the first time.
     */
    @PreAuthorize(ROLES)
    public ExportJob queue(ExportRequest request, String requestId) {
        CurrentUser user = SecurityContextUsers.require();
        if (requestId != null) {
            var earlier = store.byRequest(user.username(), requestId);
            if (earlier.isPresent()) {
                return replayed(earlier.get(), request);
            }
        }
        if (request.format() == ExportFormat.PDF) {
            throw new DomainValidationException("format", "「format」应为 CSV 或 XLSX：PDF 在页面上打印（最多 "
                    + PDF_LIMIT + " 行，附图表）");
        }
        ExportRows.Loaded loaded = ExportRows.load(statistics(), request);
        try {
            return enqueue(user, request, loaded, requestId);
        } catch (DuplicateKeyException raced) {
            return replayed(store.byRequest(user.username(), requestId).orElseThrow(() -> raced), request);
        }
    }

    /** The job of a replayed request, if it is the same request; a request id used for another one is refused. */
    private ExportJob replayed(ExportJob earlier, ExportRequest request) {
        if (!store.sameRequest(earlier.id(), request, filterJson(request))) {
            throw new ConflictException("REQUEST_ID_REUSED", "requestId", "「requestId」已用于另一个导出请求");
        }
        return earlier;
    }

    /** One of the caller's own jobs; another user's is not found (404), whatever their role. */
    @PreAuthorize(ROLES)
    public ExportJob job(UUID id) {
        CurrentUser user = SecurityContextUsers.require();
        return store.find(id).filter(j -> j.username().equals(user.username()))
                .orElseThrow(() -> new NotFoundException("导出任务不存在：" + id));
    }

    /** The caller's latest exports, newest first. */
    @PreAuthorize(ROLES)
    public List<ExportJob> mine() {
        return store.recent(SecurityContextUsers.require().username(), 50);
    }

    /**
     * A finished job's file, for its owner only (others: 404); not yet done or expired: 409. Every call is audited
     * ({@link StatisticsExportDownloaded}): the file may be fetched again until it expires.
     */
    @PreAuthorize(ROLES)
    public ExportFile file(UUID id) {
        CurrentUser user = SecurityContextUsers.require();
        ExportJob job = job(id);
        if (job.status() != ExportStatus.DONE) {
            throw new ConflictException("EXPORT_NOT_READY", "导出任务" + job.status().label() + "，没有可下载的文件");
        }
        Path path = store.filePath(id).map(Path::of).filter(Files::isRegularFile)
                .orElseThrow(() -> new ConflictException("EXPORT_NOT_READY", "导出文件已不存在"));
        tx.executeWithoutResult(s -> events.publishEvent(new StatisticsExportDownloaded(user.username(),
                id.toString(), job.screen().title(), job.format().label(), job.rowsDone(), user.region().value(),
                job.screen().personalData(), job.sm3())));
        return new ExportFile(job.fileName(), job.format().contentType(), path, job.fileSize());
    }

    /** The case numbers an export of the caller's wrote, one per line (its record). */
    @PreAuthorize(ROLES)
    public String caseNumbers(UUID id) {
        job(id);
        return store.caseNumbers(id);
    }

    /** The filter in words, one line each (the PDF's heading lines, the workbook's notes, the audit entry). */
    public static List<String> describe(ExportRequest request) {
        StatisticsFilter f = request.filter();
        List<String> lines = new ArrayList<>();
        if (f.from() != null || f.to() != null) {
            lines.add("统计期：" + orDash(f.from()) + " 至 " + orDash(f.to())
                    + (f.granularity() == null ? "" : "（按" + switch (f.granularity()) {
                        case DAY -> "日";
                        case WEEK -> "周";
                        case MONTH -> "月";
                    } + "）"));
        }
        lines.add("行政区划：" + (f.regionCode() == null ? "本人辖区" : f.regionCode()) + "（本级及下级）");
        if (f.institutionCode() != null) {
            lines.add("机构：" + f.institutionCode());
        }
        if (f.makerCode() != null) {
            lines.add("制卡机构：" + f.makerCode());
        }
        if (f.scenario() != null) {
            lines.add("环节：" + f.scenario());
        }
        if (request.measure() != null) {
            lines.add("指标：" + request.measure().name());
        }
        if (f.compare()) {
            lines.add("对比上期：是");
        }
        return lines;
    }

    /** {@code issuing-20261207-093005.xlsx} (China time). */
    static String fileName(ExportScreen screen, ExportFormat format, Instant at) {
        return screen.fileName() + "-" + FILE_TIME.format(at.atZone(ChinaTime.ZONE)) + "." + format.extension();
    }

    /**
     * Jobs this node left open when it stopped cannot go on (their thread is gone): FAILED, their partial or
     * unpublished files removed. The folder is made owner-only.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void failLeftOpen() {
        try {
            settings.folder();
        } catch (IOException e) {
            throw new IllegalStateException("export folder " + folder + " cannot be made owner-only", e);
        }
        for (String id : store.failOpen(node, "服务重启，导出中断，请重新导出", clock.instant())) {
            deleteQuietly(folder.resolve(id + ".part"));
            for (ExportFormat format : ExportFormat.values()) {
                deleteQuietly(folder.resolve(id + "." + format.extension()));
            }
        }
    }

    /**
     * The cleanup: this node's done files past their time are deleted and their jobs become EXPIRED (the record
     * stays); jobs of any node open longer than the deadline are FAILED (their thread, if alive, stops at its next
     * progress); files in the folder that no done job points to and older than the keeping time are deleted.
     */
    @Scheduled(fixedDelayString = "${healthcard.export.cleanup-interval:PT10M}",
            initialDelayString = "${healthcard.export.cleanup-interval:PT10M}")
    public void expire() {
        Instant now = clock.instant();
        for (String[] due : store.due(now, node)) {
            if (due[1] != null) {
                deleteQuietly(Path.of(due[1]));
            }
            store.expired(UUID.fromString(due[0]));
        }
        store.failStale(now.minus(settings.maxDuration), overtime(), now);
        ExportFolderSweep.sweep(folder, settings.temp(), store.keptPaths(), now.minus(keep));
    }

    private String overtime() {
        return "导出超时（超过 " + settings.maxDuration.toMinutes() + " 分钟），已中止；请缩小统计期或区划后重新导出";
    }

    private Outcome direct(CurrentUser user, ExportRequest request, ExportRows.Loaded loaded,
                           Supplier<ChartSpec> chart) {
        Instant now = clock.instant();
        List<String> filters = describe(request);
        CaseNumbers numbers = new CaseNumbers(request.screen().personalData());
        Iterable<?> rows = ExportRows.watched(loaded, numbers::add);
        TableExport<?> table = SupervisionTables.of(request.screen());
        byte[] body;
        long written;
        if (request.format() == ExportFormat.PDF) {
            StatisticsPrinter pdf = printer.getIfAvailable();
            if (pdf == null) {
                throw new ServiceUnavailableException("PDF_UNAVAILABLE", "统计报表打印暂不可用", null);
            }
            List<Object> printed = new ArrayList<>();
            var each = rows.iterator();
            while (printed.size() < PDF_LIMIT && each.hasNext()) {
                printed.add(each.next()); // no row past the limit is read: the audit names only what was printed
            }
            List<String> lines = new ArrayList<>(filters);
            if (loaded.count() > PDF_LIMIT) {
                lines.add("共 " + loaded.count() + " 行，仅打印前 " + PDF_LIMIT + " 行；全部数据请导出 Excel 或 CSV");
            }
            body = print(pdf, request.screen().title(), lines, chart == null ? null : chart.get(), table, printed,
                    user.displayName() + "（" + user.username() + "）");
            written = printed.size();
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                settings.folder(); // the workbook's temporary files go to its owner-only tmp
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            TableExport.Notes notes = notes(request, user, now, filters);
            written = TempFile.withStrategy(settings.tempFiles(),
                    () -> write(table, rows, out, request.format(), notes, null));
            body = out.toByteArray();
        }
        UUID id = UUID.randomUUID();
        String summary = String.join("；", filters);
        String sm3 = Sm3OutputStream.sm3Hex(body);
        long rowsWritten = written;
        tx.executeWithoutResult(s -> {
            store.insert(id, user.username(), user.region().value(), request, filterJson(request), summary,
                    ExportStatus.DIRECT, rowsWritten, null, node, now);
            store.direct(id, rowsWritten, body.length, sm3, numbers.joined(), clock.instant());
            events.publishEvent(exported(user, id, request, rowsWritten, summary, numbers));
        });
        return new Ready(fileName(request.screen(), request.format(), now), request.format().contentType(), body);
    }

    private ExportJob enqueue(CurrentUser user, ExportRequest request, ExportRows.Loaded loaded, String requestId) {
        if (request.format() == ExportFormat.XLSX && loaded.count() > XLSX_ROWS) {
            throw new DomainValidationException("format", "共 " + loaded.count() + " 行，超过 Excel 一张表的 "
                    + XLSX_ROWS + " 行；请导出 CSV");
        }
        if (request.screen().personalData() && loaded.count() > MAX_AUDITED_CASES) {
            throw new DomainValidationException("filter", "案例明细共 " + loaded.count() + " 行，超过一次导出最多的 "
                    + MAX_AUDITED_CASES + " 行（每个业务编号都要记入导出记录）；请缩小统计期、行政区划或机构后再导出");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        List<String> filters = describe(request);
        tx.executeWithoutResult(s -> {
            store.lockUser(user.username()); // the checks and the insert, one request of this user at a time
            if (store.openJobs(user.username()) >= MAX_OPEN_JOBS) {
                throw new ConflictException("EXPORT_JOBS_BUSY", "您已有 " + MAX_OPEN_JOBS
                        + " 个导出任务未完成，请稍后再试");
            }
            long[] kept = store.kept(user.username());
            if (kept[0] >= settings.maxKeptFiles || kept[1] >= settings.maxKeptBytes) {
                throw new ConflictException("EXPORT_QUOTA", "您保留的导出文件已有 " + kept[0] + " 个、共 "
                        + megabytes(kept[1]) + " MB，达到上限（" + settings.maxKeptFiles + " 个或 "
                        + megabytes(settings.maxKeptBytes) + " MB）；请待文件过期（" + keep.toHours()
                        + " 小时）后再导出");
            }
            store.insert(id, user.username(), user.region().value(), request, filterJson(request),
                    String.join("；", filters), ExportStatus.QUEUED, loaded.count(), requestId, node, now);
        });
        ExportJob job = store.find(id).orElseThrow();
        runner.submit(() -> run(id, user, request, loaded, notes(request, user, now, filters), now));
        return job;
    }

    /** The background job; whatever goes wrong (an {@link Error} too) ends it FAILED, never left RUNNING. */
    private void run(UUID id, CurrentUser user, ExportRequest request, ExportRows.Loaded loaded,
                     TableExport.Notes notes, Instant created) {
        Path part = folder.resolve(id + ".part");
        Path file = folder.resolve(id + "." + request.format().extension());
        try {
            if (store.start(id, clock.instant())) {
                write(id, user, request, loaded, notes, created.plus(settings.maxDuration), part, file);
            }
        } catch (Throwable e) {
            log.warn("export {} failed", id, e);
            deleteQuietly(part);
            deleteQuietly(file);
            try {
                store.failed(id, ExportFailure.reason(e), clock.instant());
            } catch (RuntimeException again) {
                log.error("export {} could not be marked FAILED; the deadline's sweep will", id, again);
            }
        }
    }

    /** Writes the file beside its final name, then publishes it (renamed) and audits, in one transaction. */
    private void write(UUID id, CurrentUser user, ExportRequest request, ExportRows.Loaded loaded,
                       TableExport.Notes notes, Instant deadline, Path part, Path file) throws IOException {
        if (!stillAllowed(user)) {
            throw new ExportFailure("账号权限已变更，导出未执行");
        }
        settings.folder();
        if (Files.getFileStore(folder).getUsableSpace() < settings.minFreeBytes) {
            throw new ExportFailure("服务器磁盘空间不足，导出未执行；请稍后再试");
        }
        CaseNumbers numbers = new CaseNumbers(request.screen().personalData());
        long written;
        String sm3;
        long size;
        try (Sm3OutputStream out =
                new Sm3OutputStream(new BufferedOutputStream(ExportSettings.create(part), 1 << 16))) {
            LongConsumer progress = done -> {
                if (!store.progress(id, done) || clock.instant().isAfter(deadline)) {
                    throw new ExportFailure(overtime());
                }
                if (out.size() > settings.maxFileBytes) {
                    throw new ExportFailure("导出文件超过 " + megabytes(settings.maxFileBytes)
                            + " MB，已中止；请缩小统计期或区划后重新导出");
                }
            };
            written = TempFile.withStrategy(settings.tempFiles(), () -> write(SupervisionTables.of(request.screen()),
                    ExportRows.watched(loaded, numbers::add), out, request.format(), notes, progress));
            out.flush();
            sm3 = out.sm3Hex();
            size = out.size();
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        Instant finished = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!store.done(id, written, file.toString(), size, sm3, numbers.joined(), finished, finished.plus(keep))) {
                throw new ExportFailure(overtime()); // failed meanwhile by the deadline's sweep: not published
            }
            events.publishEvent(exported(user, id, request, written, String.join("；", notes.filters()), numbers));
        });
    }

    /** Whether the user still may export: enabled, at the same institution, holding one of the export roles. */
    private boolean stillAllowed(CurrentUser user) {
        return user.roles().stream().filter(r -> r == Role.SUPERVISOR || r == Role.AUDITOR || r == Role.ADMIN)
                .anyMatch(r -> user.institutionCode() != null
                        && directory.holds(user.username(), user.institutionCode(), r));
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    @SuppressWarnings("unchecked")
    private static <R> long write(TableExport<R> table, Iterable<?> rows, OutputStream out, ExportFormat format,
                                  TableExport.Notes notes, LongConsumer progress) {
        return format == ExportFormat.XLSX
                ? table.writeXlsx((Iterable<? extends R>) rows, out, notes, progress)
                : table.writeCsv((Iterable<? extends R>) rows, out, progress);
    }

    @SuppressWarnings("unchecked")
    private static <R> byte[] print(StatisticsPrinter pdf, String title, List<String> lines, ChartSpec chart,
                                    TableExport<R> table, List<?> rows, String printedBy) {
        return pdf.print(title, lines, chart, table, (List<R>) rows, printedBy);
    }

    private static TableExport.Notes notes(ExportRequest request, CurrentUser user, Instant now, List<String> filters) {
        return new TableExport.Notes(request.screen().title(), filters,
                user.displayName() + "（" + user.username() + "）", LocalDateTime.ofInstant(now, ChinaTime.ZONE));
    }

    private StatisticsExported exported(CurrentUser user, UUID id, ExportRequest request, long rows, String summary,
                                        CaseNumbers numbers) {
        return new StatisticsExported(user.username(), id.toString(), request.screen().title(),
                request.format().label(), rows, user.region().value(), summary, request.screen().personalData(),
                numbers.list(), numbers.sm3());
    }

    private String filterJson(ExportRequest request) {
        try {
            String text = json.writeValueAsString(request.filter());
            return text.length() <= 2000 ? text : text.substring(0, 2000);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SupervisionStatistics statistics() {
        SupervisionStatistics s = statistics.getIfAvailable();
        if (s == null) {
            throw new ServiceUnavailableException("STATISTICS_UNAVAILABLE", "监管统计服务暂不可用", null);
        }
        return s;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not delete {}", path, e);
        }
    }

    private static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }

    /** The case numbers of a case list as they are written (all of them: the list is capped), and its SM3. */
    static final class CaseNumbers {
        private final boolean kept;
        private final List<String> numbers = new ArrayList<>();

        CaseNumbers(boolean kept) {
            this.kept = kept;
        }

        void add(CaseRow row) {
            if (kept) {
                numbers.add(row.caseNo());
            }
        }

        List<String> list() {
            return numbers;
        }

        String joined() {
            return kept ? String.join("\n", numbers) : null;
        }

        String sm3() {
            return kept ? Sm3OutputStream.sm3Hex(String.join("\n", numbers).getBytes(StandardCharsets.UTF_8)) : null;
        }
    }
}
