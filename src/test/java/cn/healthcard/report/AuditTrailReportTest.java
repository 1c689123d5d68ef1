package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit export template (reports/audit-export.xml) and the renderer's table options it uses. */
class AuditTrailReportTest {

    private final PdfTemplateRenderer renderer = new PdfTemplateRenderer(
            Clock.fixed(LocalDateTime.of(2026, 11, 22, 10, 30).toInstant(ZoneOffset.ofHours(8)),
                    ZoneId.of("Asia/Shanghai")));

    static AuditTrailReport.Row row(int i) {
        return new AuditTrailReport.Row("2026-11-22 10:%02d:%02d".formatted(i / 60 % 60, i % 60),
                i % 2 == 0 ? "CardStatusChanged" : "CardApplicationSubmitted", "clerk", "BJ-110105", "110105",
                "Card 1101050000000" + "%05d".formatted(i), "1101050000000" + "%05d".formatted(i),
                "SQ110105202611220" + "%03d".formatted(i % 1000), "欧**计", "1101**********002X",
                i % 3 == 0 ? "API" : "UI", i % 2 == 0 ? "ACTIVE → LOST：持卡人在地铁站遗失，核实为本人" : "申领登记");
    }

    static AuditTrailReport report(int rows, boolean capped) {
        return new AuditTrailReport("孙审计（auditor）", LocalDateTime.of(2026, 11, 22, 10, 30),
                "card=110105000000000001, document=1101**********002X, name=欧**计",
                IntStream.range(0, rows).mapToObj(AuditTrailReportTest::row).toList(), 10_000, capped);
    }

    @Test
    @DisplayName("APP-13 SEC-03 BPM-06 the audit export template prints landscape with title, exporter, time, filters and one row per entry")
    void rendersExport() throws IOException {
        byte[] pdf = renderer.render(AuditTrailReport.TEMPLATE, report(3, false).toValues(), report(3, false).toLists());
        Path file = Path.of("target", "reports", "audit-export.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);

        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        Rectangle page = reader.getPageSizeWithRotation(1);

        assertThat(page.getWidth()).isGreaterThan(page.getHeight());
        assertThat(reader.getInfo()).containsEntry("Title", "审计日志查询结果");
        assertThat(text).contains("审计日志查询结果", "孙审计（auditor）", "2026年11月22日 10:30",
                "card=110105000000000001", "事件", "经办人", "证件号码(脱敏)", "110105000000000002",
                "共 3 条", "持卡人在地铁站遗失").doesNotContain("${", "已截断");
    }

    @Test
    @DisplayName("APP-13 BPM-06 a capped export says so in its summary and at the foot of every page; the column headings repeat on each page")
    void cappedExport() throws IOException {
        AuditTrailReport report = report(120, true);
        PdfReader reader = new PdfReader(renderer.render(AuditTrailReport.TEMPLATE, report.toValues(),
                report.toLists()));

        assertThat(reader.getNumberOfPages()).isGreaterThan(1);
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        String last = extractor.getTextFromPage(reader.getNumberOfPages());
        assertThat(extractor.getTextFromPage(2)).contains("事件", "证件号码(脱敏)", "110105000000000030");
        assertThat(last).contains("已截断：仅含前 10000 条", "结果超过 10000 条，仅导出前 10000 条");
        assertThat(extractor.getTextFromPage(1)).contains("已截断：仅含前 10000 条");
    }

    @Test
    @DisplayName("BPM-06 a long table is laid out in pieces: every row arrives once and in order, with the headings on every page")
    void longTableInPieces() throws IOException {
        AuditTrailReport report = report(450, false); // more than two pieces of 200 rows
        PdfReader reader = new PdfReader(renderer.render(AuditTrailReport.TEMPLATE, report.toValues(),
                report.toLists()));
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        List<Integer> cards = new ArrayList<>();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            String text = extractor.getTextFromPage(page);
            assertThat(text).as("page " + page).contains("证件号码(脱敏)");
            // the 对象 column of each row: Card <card number>
            Pattern.compile("Card\\s+1101050000000(\\d{5})").matcher(text).results()
                    .map(m -> Integer.parseInt(m.group(1))).forEach(cards::add);
        }
        assertThat(cards).isEqualTo(IntStream.range(0, 450).boxed().toList());
    }

    @Test
    @DisplayName("SEC-02 a complete ID number in an export row is refused; more rows than the cap are refused")
    void refusesPlainDocumentNumbers() {
        assertThatThrownBy(() -> new AuditTrailReport.Row("t", "e", "a", "i", "r", "s", "c", "q", "欧**计",
                "11010519491231002X", "UI", "d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masked");
        List<AuditTrailReport.Row> rows = new ArrayList<>(List.of(row(1), row(2)));
        assertThatThrownBy(() -> new AuditTrailReport("x", LocalDateTime.now(), null, rows, 1, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
