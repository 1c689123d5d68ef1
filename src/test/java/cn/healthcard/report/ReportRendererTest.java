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

class ReportRendererTest {

    static final PickupReceipt BY_AGENT = new PickupReceipt("APP-2026-000123", "H110105000123456", "张三", "男",
            "居民身份证", "110105********002X", "北京市东城区社区卫生服务中心", "北京市东城区",
            LocalDateTime.of(2026, 11, 22, 14, 5), "李四", "配偶", "110101********1234", "王五");

    private final ReportRenderer renderer = new ReportRenderer(
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
                .containsEntry("Creator", ReportRenderer.CREATOR);
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
                .hasMessageContaining("reports/no-such-report.html");
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

    @Test
    @DisplayName("BPM-06 SEC-02: personal data is printed as text, never as markup: a name like <b>x</b>& appears as typed")
    void escapesValues() throws IOException {
        Map<String, String> values = new HashMap<>(BY_AGENT.toValues());
        values.put("residentName", "<b>x</b>&");
        values.put("clerkName", "</td></tr></table><h1>伪造</h1>");

        byte[] pdf = renderer.render("pickup-receipt", values);
        // a long value wraps in its cell: compare without the line breaks
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1).replaceAll("\\s*\\n\\s*", "");

        assertThat(text).contains("<b>x</b>&", "</td></tr></table><h1>伪造</h1>", "本单一式两联");
    }

    @Test
    @DisplayName("BPM-06: a list that a template repeats over must be supplied; the error names it")
    void missingList() {
        CardRequestForm form = CardRequestFormTest.REPLACEMENT;
        assertThatThrownBy(() -> renderer.render(form.templateName(), form.toValues()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'changes'")
                .hasMessageContaining("replacement-form");
    }

    @Test
    @DisplayName("BPM-06: a name given both as a value and as a list is refused")
    void nameGivenTwice() {
        assertThatThrownBy(() -> renderer.render("pickup-receipt", BY_AGENT.toValues(),
                Map.of("cardNo", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cardNo' is given twice");
    }
}
