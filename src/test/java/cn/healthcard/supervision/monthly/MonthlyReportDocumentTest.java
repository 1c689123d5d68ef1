package cn.healthcard.supervision.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.report.ReportService;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.UsageRow;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly report's PDF from given figures (no database): the sections, the comparison with the month before, the
 * send-back note, the top and bottom ten of the assessment, and two chart images. Writes
 * {@code target/reports/monthly-report-sample.pdf}.
 */
class MonthlyReportDocumentTest {

    final MonthlyReportDocument document = new MonthlyReportDocument(
            new StaticListableBeanFactory().getBeanProvider(cn.healthcard.supervision.SupervisionStatistics.class),
            new ReportService(new StaticListableBeanFactory().getBeanProvider(Clock.class)));

    static MonthlyReportDocument.Figures figures(int institutions) {
        List<AssessmentRow> assessment = new ArrayList<>();
        for (int i = 1; i <= institutions; i++) {
            assessment.add(new AssessmentRow("430100", String.format("I%02d", i), "机构" + i, i, 2.5, 6.0, 10.0, 0.0,
                    i % 3));
        }
        return new MonthlyReportDocument.Figures(
                new MonthlyReportDocument.Totals(120, 110, 100, 90, 10, 7, 3000, 1500),
                new MonthlyReportDocument.Totals(100, 100, 80, 80, 0, 5, 2500, 0),
                List.of(new IssuingRow("2026-11", "430102", "芙蓉区", "CS-01", "芙蓉区服务中心", 120, 110, 100, 90, 10)),
                List.of(new UsageRow("2026-11", "430102", "H1", "湘雅医院", "REGISTRATION", 2000, 1000),
                        new UsageRow("2026-11", "430102", "H1", "湘雅医院", "PHARMACY", 1000, 500)),
                assessment);
    }

    static MonthlyReport report(String comment) {
        return new MonthlyReport("YB43010020261201000001", "430100", "湖南省长沙市", "2026-11",
                MonthlyReport.Status.OPEN, comment == null ? 0 : 1, null, null, comment, null, null, null, null);
    }

    private static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        return text.toString();
    }

    @Test
    @DisplayName("BPM-06 STAT-01 the month with the month before, the stages in Chinese, top and bottom ten, two chart images")
    void sections() throws Exception {
        byte[] pdf = document.render(report(null), figures(25), null);
        Path out = Path.of("target/reports/monthly-report-sample.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);
        String text = text(pdf);
        assertThat(text).contains("湖南省长沙市 2026年11月 居民健康卡月度统计报告", "对比 2026年10月", "申领 120 100 +20.0%",
                "未签收 10 0 —", "挂号（REGISTRATION）", "芙蓉区 · 芙蓉区服务中心", "办件最多的前 10 家", "办件最少的 10 家")
                .doesNotContain("审核退回意见");
        // the busiest is 机构25, the least busy 机构1; 机构15 is in neither list
        assertThat(text).contains("机构25", "机构16", "机构1 ", "机构10").doesNotContain("机构15");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/Subtype/Image");
    }

    @Test
    @DisplayName("BPM-06 a report sent back prints the comment as a note; ten institutions or fewer have no bottom list")
    void note() throws Exception {
        String text = text(document.render(report("请补充说明"), figures(4), "请补充说明"));
        assertThat(text).contains("审核退回意见：请补充说明", "第 2 次生成").doesNotContain("办件最少");
    }

    @Test
    @DisplayName("STAT-01 the change against the month before: a rise, a fall, none, and nothing to compare with")
    void change() {
        assertThat(MonthlyReportDocument.change(120, 100)).isEqualTo("+20.0%");
        assertThat(MonthlyReportDocument.change(50, 100)).isEqualTo("-50.0%");
        assertThat(MonthlyReportDocument.change(0, 0)).isEqualTo("持平");
        assertThat(MonthlyReportDocument.change(5, 0)).isEqualTo("—");
    }
}
