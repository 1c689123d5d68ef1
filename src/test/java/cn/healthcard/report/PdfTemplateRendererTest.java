package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PdfTemplateRendererTest {

    static final PickupReceipt BY_AGENT = new PickupReceipt("APP-2026-000123", "H110105000123456", "张三", "男",
            "居民身份证", "110105********002X", "北京市东城区社区卫生服务中心", "北京市东城区",
            LocalDateTime.of(2026, 11, 22, 14, 5), "李四", "配偶", "110101********1234", "王五");

    private final PdfTemplateRenderer renderer = new PdfTemplateRenderer(
            Clock.fixed(LocalDateTime.of(2026, 11, 22, 14, 30).toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai")));

    @Test
    @DisplayName("APP-12 / BPM-06: the pick-up receipt renders as a PDF with its title, card number and holder")
    void rendersPickupReceipt() throws IOException {
        PdfReader reader = new PdfReader(renderer.render("pickup-receipt", BY_AGENT.toValues()));

        String text = new PdfTextExtractor(reader).getTextFromPage(1);

        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(text).contains("居民健康卡领卡签收单", "H110105000123456", "张三", "代领：李四（配偶）",
                "2026年11月22日 14:05", "经办人", "王五", "生成时间：2026年11月22日 14:30",
                "本单一式两联，发卡机构与领卡人各执一联").doesNotContain("${");
        assertThat(reader.getInfo()).containsEntry("Title", "居民健康卡领卡签收单")
                .containsEntry("Creator", PdfTemplateRenderer.CREATOR);
    }

    @Test
    @DisplayName("APP-12: the Chinese font is embedded in the receipt")
    void embedsFont() throws IOException {
        PdfReader reader = new PdfReader(renderer.render("pickup-receipt", BY_AGENT.toValues()));

        List<PdfDictionary> descriptors = new ArrayList<>();
        PdfDictionary fonts = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
        for (PdfName key : fonts.getKeys()) {
            PdfDictionary font = fonts.getAsDict(key);
            PdfArray descendants = font.getAsArray(PdfName.DESCENDANTFONTS);
            descriptors.add(descendants.getAsDict(0).getAsDict(PdfName.FONTDESCRIPTOR));
        }

        assertThat(descriptors).isNotEmpty().allSatisfy(descriptor -> {
            assertThat(descriptor.get(PdfName.FONTFILE2)).isNotNull();
            assertThat(descriptor.getAsName(PdfName.FONTNAME).toString()).contains("WenQuanYi");
        });
    }

    @Test
    @DisplayName("APP-12: a placeholder without a value fails and names the placeholder")
    void missingPlaceholder() {
        Map<String, String> values = new HashMap<>(BY_AGENT.toValues());
        values.remove("cardNo");

        assertThatThrownBy(() -> renderer.render("pickup-receipt", values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${cardNo}")
                .hasMessageContaining("pickup-receipt");
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

    @Test
    @DisplayName("APP-12: the sample receipt is written to target/ for the screenshot in docs/screenshots")
    void writesSample() throws IOException {
        Path file = Path.of("target", "reports", "pickup-receipt.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, renderer.render("pickup-receipt", BY_AGENT.toValues()));

        assertThat(file).isNotEmptyFile();
    }

    private static final Map<String, List<Map<String, String>>> TWO_ITEMS = Map.of("items", List.of(
            Map.of("name", "苹果", "spec", "一级", "count", "3"),
            Map.of("name", "梨子", "spec", "二级", "count", "5", "note", "行内备注")));

    @Test
    @DisplayName("BPM-06: repeated rows print one row per list entry, entry values before document values, blank rows up to min-rows")
    void repeatedRows() throws IOException {
        PdfReader reader = new PdfReader(renderer.render("renderer-test-elements",
                Map.of("color", "GREEN", "note", "文档备注"), TWO_ITEMS));

        String text = new PdfTextExtractor(reader).getTextFromPage(1);

        assertThat(text).contains("明细", "品名", "规格", "数量", "苹果", "一级（文档备注）", "3", "梨子",
                "二级（行内备注）", "5", "□ 红", "■ 绿", "备注文档备注");
        assertThat(text.split("文档备注", -1)).hasSize(3); // the blank third row prints nothing
    }

    @Test
    @DisplayName("BPM-06: a choice with an empty value marks no option; a value that is no option's key fails")
    void choices() throws IOException {
        String text = new PdfTextExtractor(new PdfReader(renderer.render("renderer-test-elements",
                Map.of("color", "", "note", ""), Map.of("items", List.of())))).getTextFromPage(1);

        assertThat(text).contains("□ 红", "□ 绿").doesNotContain("■");
        assertThatThrownBy(() -> renderer.render("renderer-test-elements", Map.of("color", "BLUE", "note", ""),
                TWO_ITEMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'BLUE'")
                .hasMessageContaining("RED, GREEN");
    }

    @Test
    @DisplayName("BPM-06: a repeat whose list is not supplied fails and names the list")
    void missingList() {
        assertThatThrownBy(() -> renderer.render("renderer-test-elements", Map.of("color", "RED", "note", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the list 'items'");
    }
}
