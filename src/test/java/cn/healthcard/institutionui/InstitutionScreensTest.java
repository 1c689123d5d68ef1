package cn.healthcard.institutionui;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.ImportReport;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What the institution screens export and offer, without Spring. */
class InstitutionScreensTest {

    static final Function<String, String> KEYS = key -> key; // the message key stands for its text

    static final InstitutionDetails HOSPITAL = new InstitutionDetails("GZ-H-1", "广州市天河区示例医院",
            InstitutionKind.MEDICAL, RegionCode.of("440106"), "GZ-440100", "张联系", "020-38000000", "天河路1号",
            "李院长", MedicalNature.PUBLIC, MedicalCategory.GENERAL_HOSPITAL, "12440106000000001X", "PDY1",
            InstitutionStatus.CANCELLED, Instant.parse("2026-03-07T01:00:00Z"), Instant.parse("2026-12-06T02:30:00Z"),
            "=撤并", 3);
    static final InstitutionDetails CITY_CENTRE = new InstitutionDetails("GZ-440100", "广州市居民健康卡注册管理中心",
            InstitutionKind.REGISTRATION_CENTRE, RegionCode.of("440100"), "GD-440000", null, null, null, null, null,
            null, null, null, InstitutionStatus.ACTIVE, Instant.parse("2026-01-02T00:00:00Z"), null, null, 0);

    @Test
    @DisplayName("ORG-03: the register's Excel export has one typed row per institution — dates as dates, version as number, names of codes in Chinese")
    void excel() throws IOException {
        byte[] xlsx = InstitutionDocuments.table(Locale.CHINA, KEYS).xlsx(List.of(HOSPITAL, CITY_CENTRE));

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            Row heading = sheet.getRow(0);
            assertThat(heading.getCell(0).getStringCellValue()).isEqualTo("inst.field.code");
            Row hospital = sheet.getRow(1);
            assertThat(hospital.getCell(2).getStringCellValue()).isEqualTo("医疗卫生机构");
            assertThat(hospital.getCell(4).getStringCellValue()).isEqualTo("广东省广州市天河区");
            assertThat(hospital.getCell(10).getStringCellValue()).isEqualTo("公立");
            assertThat(hospital.getCell(11).getStringCellValue()).isEqualTo("综合医院");
            assertThat(hospital.getCell(14).getStringCellValue()).isEqualTo("已注销");
            assertThat(DateUtil.isCellDateFormatted(hospital.getCell(15))).isTrue();
            assertThat(hospital.getCell(15).getLocalDateTimeCellValue()).hasToString("2026-03-07T09:00");
            assertThat(hospital.getCell(16).getLocalDateTimeCellValue()).hasToString("2026-12-06T10:30");
            assertThat(hospital.getCell(17).getStringCellValue()).isEqualTo("=撤并");
            assertThat(hospital.getCell(18).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(hospital.getCell(18).getNumericCellValue()).isEqualTo(3.0);
            Row centre = sheet.getRow(2);
            assertThat(centre.getCell(2).getStringCellValue()).isEqualTo("地市级注册管理中心");
            assertThat(centre.getCell(10)).as("no nature for a centre").isNull();
        }
    }

    @Test
    @DisplayName("ORG-03: the CSV export defuses a cancel reason that starts like a formula")
    void csv() {
        String csv = new String(InstitutionDocuments.table(Locale.CHINA, KEYS).csv(List.of(HOSPITAL)),
                StandardCharsets.UTF_8);

        assertThat(csv).startsWith("\uFEFFinst.field.code,").contains(",'=撤并,3\r\n");
    }

    @Test
    @DisplayName("ORG-05: the region picker offers the user's region and those below it, nothing above or beside")
    void regionsWithin() {
        List<String> guangzhou = Labels.regionsWithin(RegionCode.of("440100"));

        assertThat(guangzhou).contains("440100", "440106").doesNotContain("440000", "440300", "440304", "110105")
                .allMatch(code -> code.startsWith("4401"));
        assertThat(Labels.regionsWithin(RegionCode.NATIONAL)).contains("000000", "110000", "440106");
        assertThat(Labels.regionLabel("440106")).isEqualTo("440106 广东省广州市天河区");
        assertThat(Labels.region("000000")).isEqualTo("全国");
    }

    @Test
    @DisplayName("INT-01: the import report downloads as Excel with one row per file row, outcome and reason")
    void importReport() throws IOException {
        ImportReport report = new ImportReport("x.csv", 2, 1, 1, 0, false, List.of(
                new ImportReport.RowResult(2, "A-1", ImportReport.Outcome.ACCEPTED, null, null),
                new ImportReport.RowResult(3, "A-2", ImportReport.Outcome.REJECTED, "统一社会信用代码",
                        "「统一社会信用代码」校验位错误")), 12);

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(
                InstitutionDocuments.importReportXlsx(report, Locale.CHINA, KEYS)))) {
            var rejected = workbook.getSheetAt(0).getRow(2);
            assertThat(rejected.getCell(0).getNumericCellValue()).isEqualTo(3.0);
            assertThat(rejected.getCell(2).getStringCellValue()).isEqualTo("拒绝");
            assertThat(rejected.getCell(4).getStringCellValue()).isEqualTo("「统一社会信用代码」校验位错误");
        }
    }
}
