package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class InstitutionPrintsTest {

    private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 12, 6, 14, 30)
            .toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai"));

    private final InstitutionPrints prints = new InstitutionPrints(clock());

    static final InstitutionListReport.Row HOSPITAL = new InstitutionListReport.Row("110105000001",
            "北京市朝阳区第一医院", "医疗机构", "北京市朝阳区", "公立 · 综合医院", "李联系", "010-65000000",
            LocalDate.of(2026, 3, 7), "正常");
    static final InstitutionListReport.Row CENTRE = new InstitutionListReport.Row("110105", "北京市朝阳区注册管理中心",
            "注册管理中心", "北京市朝阳区", null, null, null, null, "已注销");

    static final InstitutionDetailsReport DETAILS = new InstitutionDetailsReport("北京市朝阳区第一医院", "110105000001",
            "已注销", List.of(
            new InstitutionDetailsReport.Section("基本信息", List.of(
                    new InstitutionDetailsReport.Field("机构代码", "110105000001"),
                    new InstitutionDetailsReport.Field("机构类型", "医疗机构"),
                    new InstitutionDetailsReport.Field("所在地区", "北京市朝阳区"),
                    new InstitutionDetailsReport.Field("上级中心", "北京市注册管理中心（110000）"),
                    new InstitutionDetailsReport.Field("登记时间", "2026年3月7日 09:00"))),
            new InstitutionDetailsReport.Section("医疗机构信息", List.of(
                    new InstitutionDetailsReport.Field("机构性质", "公立"),
                    new InstitutionDetailsReport.Field("机构类别", "综合医院"),
                    new InstitutionDetailsReport.Field("统一社会信用代码", "12110105MB0000000X"),
                    new InstitutionDetailsReport.Field("医疗机构登记号", null)))),
            List.of(new InstitutionDetailsReport.Change(LocalDateTime.of(2026, 3, 7, 9, 0), "登记", "admin", null),
                    new InstitutionDetailsReport.Change(LocalDateTime.of(2026, 12, 6, 10, 0), "注销", "admin",
                            "撤并至<b>第二医院</b>")),
            true, List.of(new InstitutionDetailsReport.Terminal("T-110105-0001", "门诊挂号窗口", "启用",
            LocalDateTime.of(2026, 3, 8, 10, 0))),
            List.of(new InstitutionDetailsReport.Sam("SAM0000000000000001", "已绑定", "窗口读卡终端", "T-110105-0001"),
                    new InstitutionDetailsReport.Sam("SAM0000000000000002", "在库", null, null)), "王管理");

    private static org.springframework.beans.factory.ObjectProvider<Clock> clock() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", CLOCK);
        return beans.getBeanProvider(Clock.class);
    }

    @Test
    @DisplayName("ORG-03: the query result prints as an A4 landscape list with the query, the count and every row")
    void list() throws IOException {
        byte[] pdf = prints.list(new InstitutionListReport("地区：北京市朝阳区（含下级）；类型：医疗机构", "王管理", 2,
                List.of(HOSPITAL, CENTRE)));
        write("institution-list", pdf);

        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(reader.getInfo()).containsEntry("Title", "机构查询结果");
        assertThat(reader.getPageSize(1).getWidth()).isGreaterThan(reader.getPageSize(1).getHeight());
        assertThat(text).contains("机构查询结果", "地区：北京市朝阳区（含下级）；类型：医疗机构", "共 2 个机构。",
                "110105000001", "北京市朝阳区第一医院", "公立 · 综合医院", "2026年3月7日", "已注销",
                "打印时间：2026年12月6日 14:30", "打印人：王管理");
    }

    @Test
    @DisplayName("ORG-03: a long result repeats the headings on every page and prints at most 2,000 rows, saying so")
    void longList() throws IOException {
        List<InstitutionListReport.Row> rows = new ArrayList<>();
        IntStream.range(0, 2_100).forEach(i -> rows.add(new InstitutionListReport.Row(String.format("11%010d", i),
                "机构" + i, "医疗机构", "北京市", "", "", "", null, "正常")));
        InstitutionListReport report = new InstitutionListReport("", "王管理", 5_000, rows);
        assertThat(report.rows()).hasSize(InstitutionListReport.MAX_ROWS);

        PdfReader reader = new PdfReader(prints.list(new InstitutionListReport("", "王管理", 5_000,
                rows.subList(0, 120))));
        assertThat(reader.getNumberOfPages()).isGreaterThan(1);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            assertThat(new PdfTextExtractor(reader).getTextFromPage(page)).contains("机构代码", "机构名称");
        }
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
                .contains("全部（本级及下级）", "共 5000 个机构，本表仅列出前 120 个；完整结果请导出 Excel 或 CSV。");
        assertThatThrownBy(() -> new InstitutionListReport("", "x", 1, List.of(HOSPITAL, CENTRE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("ORG-02 ORG-03 ORG-04: the details print the sections, the history with the cancel reason as typed, terminals and the SAM cards")
    void details() throws IOException {
        byte[] pdf = prints.details(DETAILS);
        write("institution-details", pdf);

        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(reader.getInfo()).containsEntry("Title", "机构详细信息");
        assertThat(text).contains("北京市朝阳区第一医院（110105000001）· 已注销", "基本信息", "医疗机构信息",
                "统一社会信用代码", "12110105MB0000000X", "上级中心", "变更记录", "撤并至<b>第二医院</b>", "识读终端",
                "T-110105-0001", "门诊挂号窗口", "SAM卡", "SAM0000000000000001", "已绑定", "窗口读卡终端",
                "SAM0000000000000002", "在库").doesNotContain("后续版本");
    }

    @Test
    @DisplayName("ORG-03: the details of an institution that is not medical print neither terminals nor SAM cards")
    void detailsOfCentre() throws IOException {
        InstitutionDetailsReport centre = new InstitutionDetailsReport("北京市注册管理中心", "110000", "正常",
                List.of(new InstitutionDetailsReport.Section("基本信息", List.of(
                        new InstitutionDetailsReport.Field("中心级别", "省级")))),
                List.of(), false, List.of(), List.of(), "王管理");

        String text = new PdfTextExtractor(new PdfReader(prints.details(centre))).getTextFromPage(1);

        assertThat(text).contains("中心级别", "省级", "无变更记录").doesNotContain("识读终端", "SAM卡");
    }

    private static void write(String name, byte[] pdf) throws IOException {
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/" + name + ".pdf"), pdf);
    }
}
