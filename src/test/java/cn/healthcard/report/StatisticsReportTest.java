package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The statistics print (统计报表, BPM-06, STAT-01, decision 035): chart as image, the exported table, in Chinese. */
class StatisticsReportTest {

    private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 12, 7, 8, 30)
            .toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai"));

    record Issuing(String region, String regionName, LocalDate day, long applied, long issued, BigDecimal share) {
    }

    static final TableExport<Issuing> TABLE = TableExport.<Issuing>sheet("发卡情况")
            .text("地区代码", Issuing::region)
            .text("地区", Issuing::regionName)
            .date("日期", Issuing::day)
            .number("申领", Issuing::applied)
            .number("发放", Issuing::issued)
            .number("发放率(%)", Issuing::share);

    static final List<Issuing> ROWS = List.of(
            new Issuing("110105", "北京市朝阳区", LocalDate.of(2026, 11, 30), 12_000, 10_000, new BigDecimal("83.3")),
            new Issuing("110108", "北京市海淀区", LocalDate.of(2026, 11, 30), 80, 64, new BigDecimal("80.0")),
            new Issuing("110101", "<b>东城</b>&amp;", null, 45, 40, null));

    private final ReportService reports = new ReportService(clock());

    private static org.springframework.beans.factory.ObjectProvider<Clock> clock() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", CLOCK);
        return beans.getBeanProvider(Clock.class);
    }

    @Test
    @DisplayName("BPM-06 STAT-01 SUP-02: the print has the title, the filters, the chart as an image and every row "
            + "of the exported table with its values (numbers grouped, dates in Chinese, markup as text), A4 landscape")
    void printsChartAndTable() throws IOException {
        byte[] pdf = reports.statistics("各地区发卡情况", List.of("统计期间：2026年11月1日 至 2026年11月30日（按日）",
                "地区：北京市（含下级）"), ChartImagesTest.ISSUING, TABLE, ROWS, "王监管");
        write("statistics-report", pdf);

        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(reader.getInfo()).containsEntry("Title", "各地区发卡情况");
        assertThat(reader.getPageSize(1).getWidth()).isGreaterThan(reader.getPageSize(1).getHeight());
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("各地区发卡情况", "统计期间：2026年11月1日 至 2026年11月30日（按日）",
                "地区：北京市（含下级）", "共 3 行。", "地区代码", "发放率(%)", "110105", "北京市朝阳区",
                "2026年11月30日", "12,000", "10,000", "83.3", "<b>东城</b>&amp;",
                "生成时间：2026年12月7日 08:30", "打印人：王监管");
        // the chart is embedded as an image (one XObject on the page)
        assertThat(new String(reader.getPageContent(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(" Do");
    }

    @Test
    @DisplayName("BPM-06: without a chart and without a person (the monthly report's timer) the print is the table; "
            + "an empty table says 无数据")
    void tableOnly() throws IOException {
        byte[] pdf = reports.statistics("月度统计", List.of(), null, TABLE, List.of());
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(text).contains("月度统计", "全部（本级及下级）", "共 0 行。", "无数据", "生成时间：2026年12月7日 08:30")
                .doesNotContain("打印人");
    }

    @Test
    @DisplayName("BPM-06: a long table repeats its headings on every page and prints at most 2,000 rows, saying so")
    void longTable() throws IOException {
        List<Issuing> many = IntStream.range(0, 2_100).mapToObj(i -> new Issuing(String.format("11%04d", i),
                "地区" + i, null, i, i / 2, null)).toList();
        byte[] pdf = reports.statistics("各地区发卡情况", List.of(), null, TABLE, many);
        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isGreaterThan(10);
        String last = new PdfTextExtractor(reader).getTextFromPage(reader.getNumberOfPages());
        assertThat(last).contains("地区代码", "地区1999").doesNotContain("地区2000");
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
                .contains("共 2100 行，本表仅列出前 2000 行；完整结果请导出 Excel 或 CSV。");
    }

    @Test
    @DisplayName("BPM-06: a row value of the wrong type for its column is refused, naming the column")
    void wrongType() {
        TableExport<Issuing> wrong = TableExport.<Issuing>sheet("错").column(new TableExport.Column<>("申领",
                TableExport.Type.NUMBER, Issuing::regionName, 0));
        assertThatThrownBy(() -> reports.statistics("x", List.of(), null, wrong, ROWS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("申领");
    }

    static void write(String name, byte[] pdf) throws IOException {
        Path dir = Path.of("target/reports");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".pdf"), pdf);
    }
}
