package cn.healthcard.audit;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.report.AuditTrailReport;
import cn.healthcard.report.ReportService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import com.vaadin.flow.i18n.I18NProvider;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The result of an audit trail search as a file (APP-13, SEC-03): CSV for spreadsheets, PDF to print
 * ({@code reports/audit-export.xml}). Same filters, roles and region scope as {@link AuditSearch}, which also records
 * each export in the audit log; at most {@link #MAX_ROWS} entries, oldest first, and the file says when there were
 * more. Personal data only masked (SEC-02). See {@code docs/decisions/012-audit-api-and-exports.md}.
 */
@Service
public class AuditExport {

    /** The most entries one export holds. */
    public static final int MAX_ROWS = 10_000;

    /** The CSV's first row. */
    public static final List<String> CSV_HEADER = List.of("时间 (北京时间)", "事件", "经办人", "机构", "行政区划", "对象",
            "卡号", "业务编号", "姓名(脱敏)", "证件号码(脱敏)", "渠道", "详情");

    /** The byte order mark that makes Excel read the CSV as UTF-8. */
    static final char BOM = '\uFEFF';

    /** RFC 4180 (CRLF, quotes where needed); {@code #} starts the comment line of a capped export. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setCommentMarker('#').get();

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final AuditSearch search;
    private final ReportService reports;
    private final Clock clock;
    private final I18NProvider texts;

    AuditExport(AuditSearch search, ReportService reports, Clock clock, I18NProvider texts) {
        this.search = search;
        this.reports = reports;
        this.clock = clock;
        this.texts = texts;
    }

    /**
     * Writes the entries that match as CSV (UTF-8 with BOM, a header row in Chinese, times in China time); a last
     * comment line when only the first {@link #MAX_ROWS} of more matches are written. Nothing is written when a filter
     * is refused. {@code out} is flushed, not closed.
     *
     * @return the number of entries written
     * @throws cn.healthcard.common.DomainValidationException naming the field, for a filter that cannot be right
     */
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    public long writeCsv(AuditQuery query, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvRows rows = new CsvRows(writer);
        long matched = search.export(query, MAX_ROWS + 1, rows);
        try {
            rows.start();
            if (matched > MAX_ROWS) {
                rows.printer.printComment(cappedNotice());
            }
            rows.printer.flush();
            return rows.written;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit CSV could not be written", e);
        }
    }

    /**
     * Writes the entries that match as a PDF (审计日志查询结果, landscape): who exported it and when, the filters, a
     * table of the entries; a notice in the summary and at the foot of every page when only the first
     * {@link #MAX_ROWS} of more matches are printed. Nothing is written when a filter is refused. {@code out} is
     * flushed, not closed.
     *
     * @return the number of entries printed
     * @throws cn.healthcard.common.DomainValidationException naming the field, for a filter that cannot be right
     */
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    public long writePdf(AuditQuery query, OutputStream out) {
        List<AuditTrailReport.Row> rows = new ArrayList<>();
        long matched = search.export(query, MAX_ROWS + 1, hit -> {
            if (rows.size() < MAX_ROWS) {
                rows.add(pdfRow(hit));
            }
        });
        CurrentUser user = SecurityContextUsers.require();
        byte[] pdf = reports.auditTrail(new AuditTrailReport(exporter(user),
                LocalDateTime.ofInstant(clock.instant(), ChinaTime.ZONE), query.describe(), rows, MAX_ROWS,
                matched > MAX_ROWS));
        try {
            out.write(pdf);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit PDF could not be written", e);
        }
        return rows.size();
    }

    /** A file name for an export made now (China time), e.g. {@code audit-20261122-1030.csv}. */
    public String fileName(String extension) {
        return "audit-" + FILE_TIME.format(LocalDateTime.ofInstant(clock.instant(), ChinaTime.ZONE)) + "." + extension;
    }

    /** The CSV's last line (after {@code #}) when the export is capped. */
    static String cappedNotice() {
        return "结果超过 " + MAX_ROWS + " 条，仅导出前 " + MAX_ROWS + " 条（按时间先后）。请缩小查询范围后分批导出。";
    }

    /** The values of one CSV record, in the order of {@link #CSV_HEADER}, each safe from formula injection. */
    static List<String> csvValues(AuditHit hit) {
        return List.of(ChinaTime.seconds(hit.occurredAt()), safe(hit.eventType()), safe(hit.actor()),
                safe(hit.institutionCode()), safe(hit.regionCode()), safe(subject(hit)), safe(hit.cardNo()),
                safe(hit.caseRef()), safe(hit.nameMasked()), safe(hit.documentNumberMasked()), safe(hit.channel()),
                safe(hit.detail()));
    }

    /**
     * A value a spreadsheet will show as text: one starting with {@code = + - @} (or a tab or carriage return, which
     * some spreadsheets skip before such a character) gets a leading apostrophe, so that it is never run as a formula
     * (CSV injection).
     */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String subject(AuditHit hit) {
        if (hit.subjectType() == null) {
            return hit.subjectId();
        }
        return hit.subjectId() == null ? hit.subjectType() : hit.subjectType() + " " + hit.subjectId();
    }

    /** The event type's Chinese label ({@code audit.event.<type>}, as on the screens), or the type when it has none. */
    String eventLabel(String type) {
        if (type == null) {
            return null;
        }
        String label = texts.getTranslation("audit.event." + type, Locale.SIMPLIFIED_CHINESE);
        return label == null || label.startsWith("!") ? type : label;
    }

    private AuditTrailReport.Row pdfRow(AuditHit hit) {
        return new AuditTrailReport.Row(ChinaTime.seconds(hit.occurredAt()), eventLabel(hit.eventType()), hit.actor(),
                hit.institutionCode(), hit.regionCode(), subject(hit), hit.cardNo(), hit.caseRef(), hit.nameMasked(),
                hit.documentNumberMasked(), hit.channel(), hit.detail());
    }

    private static String exporter(CurrentUser user) {
        String name = user.displayName() == null || user.displayName().isBlank() ? user.username()
                : user.displayName() + "（" + user.username() + "）";
        return user.institutionCode() == null ? name : name + "，" + user.institutionCode();
    }

    /**
     * Prints the entries as they arrive, at most {@link #MAX_ROWS}; the BOM and header are written with the first
     * entry (or by {@link #start()} when there is none), so a refused search leaves the stream untouched.
     */
    private static final class CsvRows implements Consumer<AuditHit> {

        private final Writer writer;
        private CSVPrinter printer;
        private long written;

        CsvRows(Writer writer) {
            this.writer = writer;
        }

        void start() throws IOException {
            if (printer == null) {
                writer.write(BOM);
                printer = new CSVPrinter(writer, CSV);
                printer.printRecord(CSV_HEADER);
            }
        }

        @Override
        public void accept(AuditHit hit) {
            if (written >= MAX_ROWS) {
                return;
            }
            try {
                start();
                printer.printRecord(csvValues(hit));
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException("the audit CSV could not be written", e);
            }
        }
    }
}
