package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The XML table renderer that still prints the audit export (decision 021: a 10 000-row export is too slow in Flying
 * Saucer); the other documents are XHTML templates, see {@link ReportRendererTest}. What the audit export uses:
 * label and value cells, repeated rows, texts and the footer.
 */
class PdfTemplateRendererTest {

    private final PdfTemplateRenderer renderer = new PdfTemplateRenderer(
            Clock.fixed(LocalDateTime.of(2026, 11, 22, 14, 30).toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai")));

    @Test
    @DisplayName("BPM-06: a placeholder without a value fails and names the placeholder")
    void missingPlaceholder() {
        assertThatThrownBy(() -> renderer.render("renderer-test-elements", Map.of(), TWO_ITEMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${note}")
                .hasMessageContaining("renderer-test-elements");
    }

    @Test
    @DisplayName("An unknown template fails clearly")
    void unknownTemplate() {
        assertThatThrownBy(() -> renderer.render("no-such-report", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-report")
                .hasMessageContaining("reports/no-such-report.xml");
        assertThatThrownBy(() -> renderer.render("../pom", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid report template name");
    }

    private static final Map<String, List<Map<String, String>>> TWO_ITEMS = Map.of("items", List.of(
            Map.of("name", "苹果", "spec", "一级", "count", "3"),
            Map.of("name", "梨子", "spec", "二级", "count", "5", "note", "行内备注")));

    @Test
    @DisplayName("BPM-06: repeated rows print one row per list entry, entry values before document values, blank rows up to min-rows")
    void repeatedRows() throws IOException {
        PdfReader reader = new PdfReader(renderer.render("renderer-test-elements",
                Map.of("note", "文档备注"), TWO_ITEMS));

        String text = new PdfTextExtractor(reader).getTextFromPage(1);

        assertThat(text).contains("元素测试", "品名", "规格", "数量", "苹果", "一级（文档备注）", "3", "梨子",
                "二级（行内备注）", "5", "备注文档备注", "明细完", "生成时间：2026年11月22日 14:30", "右脚注");
        assertThat(text.split("文档备注", -1)).hasSize(3); // the blank third row prints nothing
    }

    @Test
    @DisplayName("BPM-06: a repeat whose list is not supplied fails and names the list")
    void missingList() {
        assertThatThrownBy(() -> renderer.render("renderer-test-elements", Map.of("note", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the list 'items'");
    }
}
