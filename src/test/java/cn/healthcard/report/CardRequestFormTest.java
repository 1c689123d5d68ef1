package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.report.CardRequestForm.Change;
import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CardRequestFormTest {

    static final LocalDate APPLIED = LocalDate.of(2026, 11, 22);

    static final CardRequestForm LOSS_REPORT = new CardRequestForm(CardRequestForm.LOSS_REPORT, "SQ110105202611220001",
            "张建华", APPLIED, "110105000000000002", "13800138000", "居民身份证", "1101**********8713",
            null, "2026年11月21日晚在地铁站遗失钱包，健康卡在钱包内，至今未找回。", null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, "王经办");

    static final CardRequestForm UNLOSS = new CardRequestForm(CardRequestForm.UNLOSS, "SQ110105202611220002",
            "张建华", APPLIED, "110105000000000002", "13800138000", "居民身份证", "1101**********8713",
            LocalDate.of(2026, 11, 10), "钱包遗失，健康卡在钱包内。", "卡片已由派出所转交本人找回，申请恢复使用。", null, null,
            null, null, null, null, null, null, null, null,
            CardRequestForm.APPROVED, "已核对本人身份证件及原卡，卡片完好，同意解挂。", "李审核", LocalDate.of(2026, 11, 23),
            "王经办");

    static final CardRequestForm UNLOCK = new CardRequestForm(CardRequestForm.UNLOCK, "SQ110105202611220003",
            "张建华", APPLIED, "110105000000000002", null, "居民身份证", "1101**********8713",
            null, null, null, LocalDate.of(2026, 11, 20), "在医院自助机上连续三次输错密码。", null, null, null,
            null, null, null, null, null, null, null, null, null, "王经办");

    static final CardRequestForm REPLACEMENT = new CardRequestForm(CardRequestForm.REPLACEMENT, "SQ110105202611220004",
            "张珊", APPLIED, "110105000000000002", "13800138000", "居民身份证", "1101**********8713",
            null, null, null, null, null, CardRequestForm.INFO_CHANGE, null,
            List.of(new Change("姓名", "张建华", "张珊", "本人依法变更姓名"),
                    new Change("户籍地址", "北京市朝阳区建国路88号", "北京市东城区东直门南大街5号", "户口迁移")),
            "20.00", "NO.0012345", true, "已交回", null,
            null, null, null, null, "王经办");

    static final CardRequestForm CANCELLATION = new CardRequestForm(CardRequestForm.CANCELLATION, "SQ110105202611220005",
            "张建华", APPLIED, "110105000000000002", "13800138000", "居民身份证", "1101**********8713",
            null, null, null, null, null, null, null, null, null, null, null, "已交回", "本人移居国外，不再使用居民健康卡。",
            CardRequestForm.RETURNED, "请补充出境证明材料后重新提交。", "李审核", LocalDate.of(2026, 11, 23), "王经办");

    private final ReportRenderer renderer = new ReportRenderer(
            Clock.fixed(LocalDateTime.of(2026, 11, 22, 14, 30).toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai")));

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of(LOSS_REPORT, "居民健康卡挂失申请单", "loss-report",
                        List.of("挂失原因", "2026年11月21日晚在地铁站遗失钱包")),
                Arguments.of(UNLOSS, "居民健康卡解挂申请单", "unloss",
                        List.of("挂失日期", "2026年11月10日", "解挂原因", "卡片已由派出所转交本人找回", "■ 通过",
                                "李审核", "2026年11月23日")),
                Arguments.of(UNLOCK, "居民健康卡解锁申请单", "unlock",
                        List.of("密码锁定日期", "2026年11月20日", "密码锁定原因", "连续三次输错密码")),
                Arguments.of(REPLACEMENT, "居民健康卡补领申请单", "replacement",
                        List.of("原卡编号", "变更条目", "20.00", "NO.0012345", "已交回")),
                Arguments.of(CANCELLATION, "居民健康卡注销申请单", "cancellation",
                        List.of("注销原因", "本人移居国外", "注销后卡片无法通过任何方式重新启用", "■ 退回修改",
                                "请补充出境证明材料后重新提交")));
    }

    private PdfReader render(CardRequestForm form) throws IOException {
        return new PdfReader(renderer.render(form.templateName(), form.toValues(), form.toLists()));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("forms")
    @DisplayName("LC-01 LC-02 LC-03 LC-04 LC-06 BPM-06: each lifecycle form renders on one page with title, key values, 审核 section, signature lines and footer")
    void rendersForm(CardRequestForm form, String title, String sample, List<String> keyValues) throws IOException {
        byte[] pdf = renderer.render(form.templateName(), form.toValues(), form.toLists());
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);

        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(reader.getInfo()).containsEntry("Title", title);
        assertThat(text).contains(title, form.residentName(), "2026年11月22日", "110105000000000002", "身份标识",
                "居民身份证", "1101**********8713", "审核意见", "审核人", "审核日期", "申请人签字", "经办人", "王经办",
                "申请编号：" + form.requestId(), "生成时间：2026年11月22日 14:30").doesNotContain("${");
        assertThat(text).contains(keyValues);

        // the sample for docs/screenshots/form-<sample>.png (pdftoppm -png -r 80)
        Path file = Path.of("target", "reports", "form-" + sample + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
    }

    @Test
    @DisplayName("LC-01 BPM-06: an unreviewed form prints the 审核 section empty, to be filled by hand")
    void unreviewed() throws IOException {
        String text = new PdfTextExtractor(render(LOSS_REPORT)).getTextFromPage(1);

        assertThat(text).contains("□ 通过", "□ 退回修改", "□ 不予通过", "年", "月", "日").doesNotContain("■");
        assertThat(LOSS_REPORT.toValues()).containsEntry("reviewComment", "").containsEntry("reviewerName", "");
    }

    @Test
    @DisplayName("LC-04: the 附表4 change table shows the given rows, blank rows up to three, and the chosen reason marked")
    void replacementChangesAndReason() throws IOException {
        // long values wrap inside their cells: compare without the line breaks
        String text = new PdfTextExtractor(render(REPLACEMENT)).getTextFromPage(1).replaceAll("\\s*\\n\\s*", "");

        assertThat(text).contains("条目名称", "原内容", "变更后内容", "变更原因",
                "姓名", "张建华", "张珊", "本人依法变更姓名",
                "户籍地址", "北京市朝阳区建国路88号", "北京市东城区东直门南大街5号", "户口迁移",
                "□ 1 丢失", "□ 2 损坏", "■ 3 信息变更", "□ 4 其他：__________", "■ 是", "□ 否");
        assertThat(REPLACEMENT.toLists().get("changes")).hasSize(2)
                .first().isEqualTo(java.util.Map.of("item", "姓名", "oldValue", "张建华", "newValue", "张珊",
                        "reason", "本人依法变更姓名"));
    }

    @Test
    @DisplayName("LC-04: another replacement reason is marked and printed in words")
    void otherReason() throws IOException {
        CardRequestForm other = new CardRequestForm(CardRequestForm.REPLACEMENT, "SQ1", "张三", APPLIED, "H1", null,
                "护照", "E12****78", null, null, null, null, null, CardRequestForm.OTHER, "卡面污损无法辨认照片", null,
                "0", null, false, "已交回", null, null, null, null, null, "王经办");

        String text = new PdfTextExtractor(render(other)).getTextFromPage(1);

        assertThat(text).contains("□ 1 丢失", "■ 4 其他：卡面污损无法辨认照片", "□ 是", "■ 否");
    }

    @Test
    @DisplayName("LC-01 BPM-06: the Chinese font is embedded in the lifecycle forms")
    void embedsFont() throws IOException {
        for (CardRequestForm form : List.of(LOSS_REPORT, UNLOSS, UNLOCK, REPLACEMENT, CANCELLATION)) {
            PdfReader reader = render(form);
            PdfDictionary fonts = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
            assertThat(fonts.getKeys()).isNotEmpty();
            for (PdfName key : fonts.getKeys()) {
                PdfArray descendants = fonts.getAsDict(key).getAsArray(PdfName.DESCENDANTFONTS);
                PdfDictionary descriptor = descendants.getAsDict(0).getAsDict(PdfName.FONTDESCRIPTOR);
                assertThat(descriptor.get(PdfName.FONTFILE2)).as(form.requestType()).isNotNull();
                assertThat(descriptor.getAsName(PdfName.FONTNAME).toString()).contains("WenQuanYi");
            }
        }
    }

    @Test
    @DisplayName("LC-01 LC-02 LC-03 LC-04 LC-06: a missing required field fails with a message naming it")
    void missingField() {
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.LOSS_REPORT, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, " ", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, "王经办"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CardRequestForm LOSS_REPORT needs lossReason (挂失原因)");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.UNLOSS, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, "遗失", "找回", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "王经办"))
                .hasMessage("CardRequestForm UNLOSS needs lossDate (挂失日期)");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.UNLOCK, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, null, null, APPLIED, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "王经办"))
                .hasMessage("CardRequestForm UNLOCK needs lockReason (密码锁定原因)");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.REPLACEMENT, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, null, null, null, null, CardRequestForm.INFO_CHANGE, null,
                List.of(), "20.00", null, false, "已交回", null, null, null, null, null, "王经办"))
                .hasMessage("CardRequestForm REPLACEMENT needs changes (变更条目) when replacementReason is INFO_CHANGE");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.REPLACEMENT, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, null, null, null, null, "STOLEN", null, null, "20.00", null,
                false, "已交回", null, null, null, null, null, "王经办"))
                .hasMessageContaining("replacementReason (补领原因) must be one of [LOST, DAMAGED, INFO_CHANGE, OTHER]");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.CANCELLATION, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, null, null, null, null, null, null, null, null, null, null,
                null, "移居", null, null, null, null, "王经办"))
                .hasMessage("CardRequestForm CANCELLATION needs cardReturned (卡片交回情况)");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.CANCELLATION, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "1101**********8713", null, null, null, null, null, null, null, null, null, null, null,
                "已交回", "移居", CardRequestForm.APPROVED, null, null, APPLIED, "王经办"))
                .hasMessage("CardRequestForm CANCELLATION needs reviewerName (审核人)");
        assertThatThrownBy(() -> new CardRequestForm("DESTROY", "SQ1", "张三", APPLIED, "H1", null, "居民身份证",
                "1101**********8713", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, "王经办"))
                .hasMessageContaining("requestType, one of [CANCELLATION, LOSS_REPORT, REPLACEMENT, UNLOCK, UNLOSS]");
        assertThatThrownBy(() -> new CardRequestForm(CardRequestForm.LOSS_REPORT, "SQ1", "张三", APPLIED, "H1", null,
                "居民身份证", "11010519900307871X", null, "遗失", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "王经办"))
                .hasMessageContaining("documentNumberMasked must be masked");
    }

    @Test
    @DisplayName("LC-04: a change needs its item name")
    void changeNeedsItem() {
        assertThatThrownBy(() -> new Change(null, "a", "b", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Change needs item (条目名称)");
        assertThat(new Change("电话", null, "139", null).toValues())
                .containsEntry("oldValue", "").containsEntry("reason", "");
    }
}
