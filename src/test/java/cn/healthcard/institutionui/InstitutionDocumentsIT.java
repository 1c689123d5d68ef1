package cn.healthcard.institutionui;

import static cn.healthcard.ehc.EhcTestSupport.TERMINAL_MAKER;
import static cn.healthcard.ehc.EhcTestSupport.TERMINAL_MODEL;
import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.PageQuery;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.CreditCode;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the institution screens print and export, against the real service and database: only the user's region
 * (ORG-05), every row of the query in Excel and CSV, the details with a medical institution's terminals (ORG-03),
 * each document on record in the audit log (SEC-03).
 */
@IntegrationTest
class InstitutionDocumentsIT {

    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
            .toUpperCase();

    @Autowired InstitutionDocuments documents;
    @Autowired InstitutionService institutions;
    @Autowired TerminalService terminals;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;
    @Autowired AuditLog auditLog;

    private String hangzhou;
    private String ningbo;

    @BeforeEach
    void setUp() {
        users.run("admin", () -> {
            centre("330000", "浙江省居民健康卡注册管理中心");
            hangzhou = centre("330100", "杭州市居民健康卡注册管理中心");
            ningbo = centre("330200", "宁波市居民健康卡注册管理中心");
            userAdministration.createIfAbsent("hzadmin", "demo1234", "杭州管理员", hangzhou, Set.of(Role.ADMIN), false,
                    true);
            userAdministration.createIfAbsent("hzclerk", "demo1234", "杭州经办", hangzhou, Set.of(Role.CLERK), false,
                    true);
        });
    }

    @Test
    @DisplayName("ORG-03 ORG-05: the Excel and CSV exports hold every institution of the query in the user's region and none beside it")
    void exportsAreScoped() throws IOException {
        List<String> inHangzhou = new ArrayList<>();
        String inNingbo = code("NB");
        users.run("admin", () -> {
            for (int i = 0; i < 3; i++) {
                String code = code("HZ");
                institutions.register(medical(code, "330106", "西湖区导出医院" + RUN + i));
                inHangzhou.add(code);
            }
            institutions.register(medical(inNingbo, "330203", "海曙区导出医院" + RUN));
        });
        InstitutionQuery byName = new InstitutionQuery("导出医院" + RUN, null, null, null, null, null, null, null, null);

        byte[] xlsx = users.as("hzadmin", () -> documents.xlsx(byName, Locale.CHINA, key -> key));
        byte[] csv = users.as("hzadmin", () -> documents.csv(byName, Locale.CHINA, key -> key));

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            List<String> codes = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                codes.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(codes).containsExactlyInAnyOrderElementsOf(inHangzhou);
        }
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF").contains(inHangzhou).doesNotContain(inNingbo);
        assertThat(text.split("\r\n")).hasSize(4);
    }

    @Test
    @DisplayName("ORG-03: the printed query result names the query and lists the rows; the details of a medical institution print its terminals and the SAM slot")
    void prints() throws IOException {
        String code = code("HZ");
        users.run("admin", () -> institutions.register(medical(code, "330106", "西湖区打印医院" + RUN)));
        String terminalId = "T-" + code;
        users.run("hzadmin", () -> terminals.register(terminalId, code, TERMINAL_MAKER, TERMINAL_MODEL, "门诊挂号窗口"));

        byte[] list = users.as("hzadmin", () -> documents.listPdf(
                new InstitutionQuery(RUN, null, null, null, null, null, null, null, null)));
        String listText = new PdfTextExtractor(new PdfReader(list)).getTextFromPage(1);
        assertThat(listText).contains("机构查询结果", "名称含：" + RUN, code, "西湖区打印医院" + RUN, "打印人：杭州管理员");

        byte[] details = users.as("hzadmin", () -> {
            InstitutionDetails d = institutions.details(code);
            return documents.detailsPdf(d, institutions.history(code), documents.terminalsOf(code));
        });
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/institution-details-it.pdf"), details);
        String detailsText = new PdfTextExtractor(new PdfReader(details)).getTextFromPage(1);
        assertThat(detailsText).contains("西湖区打印医院" + RUN, "医疗卫生机构信息", "统一社会信用代码", terminalId,
                "门诊挂号窗口", "登记", "SAM卡");
    }

    @Test
    @DisplayName("ORG-05 SEC-03: the exports refuse a role that may not read the register, and nothing is on record as exported")
    void clerkMayNotExport() {
        int before = exportsBy("hzclerk").size();

        assertThatThrownBy(() -> users.as("hzclerk", () -> documents.xlsx(InstitutionQuery.all(), Locale.CHINA,
                key -> key))).isInstanceOf(AccessDeniedException.class);

        assertThat(exportsBy("hzclerk")).hasSize(before);
    }

    @Test
    @DisplayName("ORG-03 SEC-03: every Excel, CSV and PDF export writes exactly one audit entry naming the user, the format, the query and the row count")
    void exportsAreAudited() {
        List<String> codes = new ArrayList<>();
        users.run("admin", () -> {
            for (int i = 0; i < 2; i++) {
                String code = code("AU");
                institutions.register(medical(code, "330106", "西湖区审计医院" + RUN + i));
                codes.add(code);
            }
        });
        InstitutionQuery byName = new InstitutionQuery("审计医院" + RUN, null, null, null, null, null, null, null,
                null);

        AuditLog.Entry xlsx = onlyNewExport(() -> documents.xlsx(byName, Locale.CHINA, key -> key));
        assertThat(xlsx.eventType()).isEqualTo("InstitutionsExported");
        assertThat(xlsx.actor()).isEqualTo("hzadmin");
        assertThat(xlsx.regionCode()).isEqualTo("330100");
        assertThat(xlsx.channel()).isNotBlank();
        assertThat(xlsx.detail()).startsWith("Excel：2 行（符合 2 条）；")
                .contains("地区：" + Labels.region("330100") + "（本级及下级）", "名称含：审计医院" + RUN);

        assertThat(onlyNewExport(() -> documents.csv(byName, Locale.CHINA, key -> key)).detail())
                .startsWith("CSV：2 行（符合 2 条）；").contains("名称含：审计医院" + RUN);
        assertThat(onlyNewExport(() -> documents.listPdf(byName)).detail())
                .startsWith("PDF 打印：2 行（符合 2 条）；").contains("名称含：审计医院" + RUN);
        assertThat(onlyNewExport(() -> {
            InstitutionDetails d = institutions.details(codes.get(0));
            return documents.detailsPdf(d, institutions.history(d.code()), documents.terminalsOf(d.code()));
        }).detail()).isEqualTo("PDF 详情：1 行（符合 1 条）；机构代码：" + codes.get(0));
    }

    /** Makes a document as hzadmin; exactly one export entry more is on record for her: that one. */
    private AuditLog.Entry onlyNewExport(java.util.function.Supplier<byte[]> export) {
        int before = exportsBy("hzadmin").size();
        byte[] document = users.as("hzadmin", export::get);
        assertThat(document).isNotEmpty();
        List<AuditLog.Entry> after = exportsBy("hzadmin");
        assertThat(after).hasSize(before + 1);
        return after.get(after.size() - 1);
    }

    private List<AuditLog.Entry> exportsBy(String username) {
        return users.as("auditor", () -> auditLog.about("InstitutionRegister", username));
    }

    private String centre(String region, String name) {
        return institutions.search(new InstitutionQuery(null, InstitutionKind.REGISTRATION_CENTRE, null, region, null,
                        null, null, null, InstitutionStatus.ACTIVE), new PageQuery(0, 500)).items().stream()
                .filter(d -> d.region().value().equals(region)).map(InstitutionDetails::code).findFirst()
                .orElseGet(() -> institutions.register(new InstitutionForm(code("C" + region), name,
                        InstitutionKind.REGISTRATION_CENTRE, region, null, "赵主任", "0571-12345678", "示例路1号",
                        "钱主任", null, null, null, null)).code());
    }

    private static InstitutionForm medical(String code, String region, String name) {
        String first17 = "12" + region + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        return new InstitutionForm(code, name, InstitutionKind.MEDICAL, region, null, "张联系", "0571-12345678",
                "示例路1号", "李院长", MedicalNature.PUBLIC, MedicalCategory.GENERAL_HOSPITAL,
                first17 + CreditCode.checkCharacter(first17), "PDY" + code.replaceAll("[^A-Za-z0-9]", ""));
    }

    private static String code(String prefix) {
        return "D" + prefix + "-" + RUN + "-" + ThreadLocalRandom.current().nextInt(100_000);
    }
}
