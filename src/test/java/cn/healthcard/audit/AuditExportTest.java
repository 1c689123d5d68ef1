package cn.healthcard.audit;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.report.ReportService;
import cn.healthcard.shell.Translations;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The CSV and PDF files of an audit export, without Spring: the search is a stub that hands out made-up hits. */
class AuditExportTest {

    /** 2026-11-22 02:30 UTC = 10:30 in Beijing. */
    private static final Instant NOW = Instant.parse("2026-11-22T02:30:00Z");

    private final AuditSearch search = mock(AuditSearch.class);
    private final AuditExport export = new AuditExport(search,
            new ReportService(new StaticListableBeanFactory().getBeanProvider(Clock.class)),
            Clock.fixed(NOW, ZoneOffset.UTC), new Translations());

    @BeforeEach
    void signIn() {
        CurrentUser auditor = new CurrentUser("auditor", "孙审计", "BJ-110000", RegionCode.of("110000"),
                Set.of(Role.AUDITOR));
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                (SecurityContextUsers.HasCurrentUser) () -> auditor, null, List.of()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static AuditHit hit(long i, String detail) {
        return new AuditHit(i, NOW.minusSeconds(3600 - i), i % 2 == 0 ? "CardStatusChanged" : "CardPickedUp", "clerk",
                "BJ-110105", "110105", "Card", "11010500000" + "%07d".formatted(i), "UI", detail,
                "11010500000" + "%07d".formatted(i), "SQ11010520261122" + "%06d".formatted(i), "欧**计",
                "1101**********002X");
    }

    /** The stub search: {@code count} hits, at most the limit the export asks for. */
    private void matches(long count, String detail) {
        when(search.export(any(), anyInt(), any())).thenAnswer(call -> {
            int limit = call.getArgument(1);
            Consumer<AuditHit> sink = call.getArgument(2);
            long n = Math.min(count, limit);
            for (long i = 1; i <= n; i++) {
                sink.accept(hit(i, detail));
            }
            return n;
        });
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').get().parse(new StringReader(csv.substring(1)))) {
            assertThat(parser.getHeaderNames()).isEqualTo(AuditExport.CSV_HEADER);
            return parser.getRecords();
        }
    }

    @Test
    @DisplayName("APP-13 the CSV is UTF-8 with BOM, a Chinese header row, China time, one record per entry")
    void csv() throws IOException {
        matches(3, "ACTIVE → LOST: 钱包被盗");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(export.writeCsv(AuditQuery.everything(), out)).isEqualTo(3);

        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF时间 (北京时间),事件,经办人,机构,行政区划,对象,卡号,业务编号,姓名(脱敏),证件号码(脱敏),渠道,详情\r\n");
        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(3);
        CSVRecord first = records.get(0);
        assertThat(first.get("时间 (北京时间)")).isEqualTo("2026-11-22 09:30:01"); // NOW - 3599 s, Beijing
        assertThat(first.get("对象")).isEqualTo("Card 110105000000000001");
        assertThat(first.get("姓名(脱敏)")).isEqualTo("欧**计");
        assertThat(first.get("详情")).isEqualTo("ACTIVE → LOST: 钱包被盗");
        assertThat(csv).doesNotContain("#");
    }

    @Test
    @DisplayName("SEC-02 values that a spreadsheet would run as a formula (= + - @) get a leading apostrophe")
    void formulaInjection() throws IOException {
        matches(1, "=HYPERLINK(\"http://example.invalid\",\"点击\")");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.writeCsv(AuditQuery.everything(), out);

        assertThat(parse(out.toString(StandardCharsets.UTF_8)).get(0).get("详情"))
                .isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"点击\")");
        assertThat(AuditExport.safe("+86 138")).isEqualTo("'+86 138");
        assertThat(AuditExport.safe("-1+1")).isEqualTo("'-1+1");
        assertThat(AuditExport.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditExport.safe("\t=1")).isEqualTo("'\t=1");
        assertThat(AuditExport.safe("a=b")).isEqualTo("a=b");
        assertThat(AuditExport.safe(null)).isEmpty();
    }

    @Test
    @DisplayName("APP-13 a CSV of more than 10 000 matches holds the first 10 000 and says so in a last comment line")
    void cappedCsv() throws IOException {
        matches(12_000, "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(export.writeCsv(AuditQuery.everything(), out)).isEqualTo(AuditExport.MAX_ROWS);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(parse(csv)).hasSize(AuditExport.MAX_ROWS).last()
                .satisfies(r -> assertThat(r.get("卡号")).isEqualTo("110105000000010000"));
        assertThat(csv.lines().reduce((a, b) -> b)).hasValue("# " + AuditExport.cappedNotice());
        assertThat(AuditExport.cappedNotice()).contains("仅导出前 10000 条");
    }

    @Test
    @DisplayName("APP-13 an export with no match is the header alone; a refused filter writes nothing at all")
    void emptyAndRefused() {
        matches(0, "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(export.writeCsv(AuditQuery.everything(), out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);

        when(search.export(any(), anyInt(), any())).thenThrow(new DomainValidationException("from", "bad"));
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThatThrownBy(() -> export.writeCsv(AuditQuery.everything(), refused))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> export.writePdf(AuditQuery.everything(), refused))
                .isInstanceOf(DomainValidationException.class);
        assertThat(refused.size()).isZero();
    }

    @Test
    @DisplayName("APP-13 SEC-03 a PDF of more than 10 000 matches prints the first 10 000 with the exporter, the filters and the notice")
    void cappedPdf() throws IOException {
        matches(10_001, "ACTIVE → LOST: 钱包被盗");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long rows = export.writePdf(AuditQuery.everything().withCardNo("110105000000000001")
                .withDocument("01", "11010519491231002X"), out);

        assertThat(rows).isEqualTo(AuditExport.MAX_ROWS);
        byte[] pdf = out.toByteArray();
        Files.createDirectories(Path.of("target", "reports"));
        Files.write(Path.of("target", "reports", "audit-export-capped.pdf"), pdf);
        PdfReader reader = new PdfReader(pdf);
        PdfTextExtractor text = new PdfTextExtractor(reader);
        int pages = reader.getNumberOfPages();
        assertThat(text.getTextFromPage(1)).contains("审计日志查询结果", "孙审计（auditor），BJ-110000",
                "2026年11月22日 10:30", "card=110105000000000001, documentType=01, document=1101**********002X",
                "110105000000000001", "结果超过 10000 条，仅导出前 10000 条", "已截断：仅含前 10000 条",
                "卡状态变更", "领卡")
                .doesNotContain("11010519491231002X", "CardStatusChanged", "CardPickedUp");
        assertThat(text.getTextFromPage(pages - 1) + text.getTextFromPage(pages))
                .contains("110105000000010000").doesNotContain("110105000000010001");
    }

    @Test
    @DisplayName("APP-13 export files are named after the time of export in China time")
    void fileName() {
        assertThat(export.fileName("csv")).isEqualTo("audit-20261122-1030.csv");
        assertThat(export.fileName("pdf")).isEqualTo("audit-20261122-1030.pdf");
    }

    @Test
    @DisplayName("APP-13 the PDF names events as the screens do; a type without a label prints as itself")
    void eventLabels() {
        assertThat(export.eventLabel("CardApplicationSubmitted")).isEqualTo("申领登记");
        assertThat(export.eventLabel("SomethingNew")).isEqualTo("SomethingNew");
        assertThat(export.eventLabel(null)).isNull();
    }
}
