package cn.healthcard.institution;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.PageQuery;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.ImportReport.Outcome;
import cn.healthcard.institution.ImportReport.RowResult;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Import from the regional health platform (INT-01) on H2: 10,000 rows with 3 % bad rows give an exact per-row report
 * and write nothing; 10,000 good rows are written in one go; a second import of them is all duplicates.
 */
@IntegrationTest
class InstitutionImportIT {

    private static final Logger log = LoggerFactory.getLogger(InstitutionImportIT.class);
    private static final int ROWS = 10_000;

    @Autowired InstitutionService institutions;
    @Autowired InstitutionImport imports;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;

    InstitutionScenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new InstitutionScenarios(institutions, userAdministration, users);
    }

    /** Beijing's districts in GB/T 2260, to spread the rows over. */
    private static List<String> beijingDistricts() {
        return CodeTables.regions().regions().stream().map(r -> r.code())
                .filter(c -> c.startsWith("11") && RegionCode.of(c).level() == RegionCode.Level.COUNTY).toList();
    }

    private static List<String> row(String code, String name, String region, String creditCode) {
        return List.of(code, name, "医疗卫生机构", region, "", "联系人", "010-12345678", "北京市测试路" + code,
                "负责人", "公立", "社区卫生服务中心", creditCode, "PDY" + code.replaceAll("[^A-Za-z0-9]", ""));
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder s = new StringBuilder("\uFEFF").append(String.join(",", InstitutionRow.HEADERS)).append('\n');
        rows.forEach(r -> s.append(String.join(",", r)).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long registerSize() {
        return users.as("admin", () -> institutions.search(InstitutionQuery.all(), new PageQuery(0, 1)).total());
    }

    @Test
    @DisplayName("INT-01 10,000 rows with 3 % bad rows (credit code, unknown region, region outside scope, code twice in the file, missing name): exact per-row report, nothing written")
    void badRowsWriteNothing() {
        List<String> districts = beijingDistricts();
        String prefix = InstitutionTestData.code("IB");
        List<List<String>> rows = new ArrayList<>();
        Map<Integer, String[]> expected = new HashMap<>(); // line → {column, part of the reason}
        int bad = 0;
        for (int i = 0; i < ROWS; i++) {
            String region = districts.get(i % districts.size());
            String code = prefix + "-" + i;
            String credit = InstitutionTestData.creditCode(region);
            int line = i + 2;
            if (i % 33 == 16 && bad < 300) {
                switch (bad++ % 5) {
                    case 0 -> {
                        credit = credit.substring(0, 17) + (credit.charAt(17) == '0' ? '1' : '0');
                        expected.put(line, new String[]{"统一社会信用代码", "校验位错误"});
                    }
                    case 1 -> {
                        region = "119999";
                        expected.put(line, new String[]{"行政区划代码", "不在GB/T 2260行政区划代码表中"});
                    }
                    case 2 -> {
                        region = "310104";
                        expected.put(line, new String[]{"行政区划代码", "不在您的管辖范围内"});
                    }
                    case 3 -> {
                        code = prefix + "-" + (i - 1);
                        expected.put(line, new String[]{"机构代码", "与第" + (line - 1) + "行重复"});
                    }
                    default -> {
                        rows.add(row(code, "", region, credit));
                        expected.put(line, new String[]{"机构名称", "不能为空"});
                        continue;
                    }
                }
            }
            rows.add(row(code, "导入医院" + i, region, credit));
        }
        assertThat(expected).hasSize(300);
        long sizeBefore = registerSize();
        long seqBefore = users.as("admin", scenarios::lastSeq);
        List<ImportProgress> progress = new ArrayList<>();
        ImportReport report = users.as("bjadmin", () -> imports.importFile("bad.csv",
                new ByteArrayInputStream(csv(rows)), progress::add));
        assertThat(report.committed()).isFalse();
        assertThat(report.total()).isEqualTo(ROWS);
        assertThat(report.rejected()).isEqualTo(300);
        assertThat(report.accepted()).isEqualTo(ROWS - 300);
        assertThat(report.duplicates()).isZero();
        assertThat(report.summary()).contains("未导入");
        assertThat(report.rows()).hasSize(ROWS);
        for (RowResult r : report.rows()) {
            String[] e = expected.get(r.rowNumber());
            if (e == null) {
                assertThat(r.outcome()).as("line %d", r.rowNumber()).isEqualTo(Outcome.ACCEPTED);
                assertThat(r.reason()).isNull();
            } else {
                assertThat(r.outcome()).as("line %d", r.rowNumber()).isEqualTo(Outcome.REJECTED);
                assertThat(r.column()).as("line %d", r.rowNumber()).isEqualTo(e[0]);
                assertThat(r.reason()).as("line %d", r.rowNumber()).contains(e[1]);
            }
        }
        assertThat(report.rows()).extracting(RowResult::rowNumber).startsWith(2, 3, 4).endsWith(ROWS + 1);
        assertThat(registerSize()).isEqualTo(sizeBefore);
        assertThat(users.as("admin", scenarios::lastSeq)).isEqualTo(seqBefore);
        assertThat(progress).filteredOn(p -> p.phase() == ImportProgress.Phase.CHECKING)
                .hasSizeGreaterThanOrEqualTo(ROWS / InstitutionImport.PROGRESS_EVERY);
        assertThat(progress).noneMatch(p -> p.phase() == ImportProgress.Phase.WRITING);
        assertThat(progress.get(progress.size() - 1).phase()).isEqualTo(ImportProgress.Phase.DONE);
    }

    @Test
    @DisplayName("INT-01 10,000 good rows are written in one transaction with their exchange-log entries; imported again they are duplicates, skipped")
    void goodRowsImportAndDuplicates() {
        List<String> districts = beijingDistricts();
        String prefix = InstitutionTestData.code("IG");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String region = districts.get(i % districts.size());
            rows.add(row(prefix + "-" + i, "导入医院" + i, region, InstitutionTestData.creditCode(region)));
        }
        byte[] file = csv(rows);
        long sizeBefore = registerSize();
        long seqBefore = users.as("admin", scenarios::lastSeq);
        List<ImportProgress> progress = new ArrayList<>();
        ImportReport report = users.as("bjadmin", () -> imports.importFile("good.csv",
                new ByteArrayInputStream(file), progress::add));
        log.info("imported {} rows ({} bytes) on H2 in {} ms", ROWS, file.length, report.millis());
        assertThat(report.committed()).isTrue();
        assertThat(report.accepted()).isEqualTo(ROWS);
        assertThat(report.rows()).allMatch(r -> r.outcome() == Outcome.ACCEPTED);
        assertThat(registerSize()).isEqualTo(sizeBefore + ROWS);
        assertThat(users.as("admin", scenarios::lastSeq)).isGreaterThanOrEqualTo(seqBefore + ROWS);
        assertThat(progress).anyMatch(p -> p.phase() == ImportProgress.Phase.WRITING);
        InstitutionDetails one = users.as("bjauditor", () -> institutions.details(prefix + "-7"));
        assertThat(one.superiorCode()).isEqualTo("BJ-110000");
        assertThat(one.nature()).isEqualTo(MedicalNature.PUBLIC);
        assertThat(one.category()).isEqualTo(MedicalCategory.COMMUNITY_HEALTH_CENTRE);

        ImportReport again = users.as("bjadmin", () -> imports.importFile("good.csv",
                new ByteArrayInputStream(file), null));
        assertThat(again.committed()).isTrue();
        assertThat(again.duplicates()).isEqualTo(ROWS);
        assertThat(again.accepted()).isZero();
        assertThat(again.rows()).allSatisfy(r -> assertThat(r.reason()).contains("已跳过"));
        assertThat(registerSize()).isEqualTo(sizeBefore + ROWS);
    }

    @Test
    @DisplayName("INT-01 ORG-05 an import is for admins only, and another region's admin gets every row rejected; a changed row under a used code is rejected, not a duplicate")
    void scopeAndRoles() {
        String code = InstitutionTestData.code("IS");
        String credit = InstitutionTestData.creditCode("110105");
        List<InstitutionRow> rows = List.of(InstitutionRow.of(0, row(code, "范围医院", "110105", credit)));
        assertThatThrownBy(() -> users.as("bjauditor", () -> imports.importRows(rows)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> imports.importRows(rows)))
                .isInstanceOf(AccessDeniedException.class);
        ImportReport sh = users.as("shadmin", () -> imports.importRows(rows));
        assertThat(sh.committed()).isFalse();
        assertThat(sh.rows().get(0).rowNumber()).isEqualTo(1);
        assertThat(sh.rows().get(0).column()).isEqualTo("行政区划代码");
        assertThat(users.as("bjadmin", () -> imports.importRows(rows)).committed()).isTrue();
        List<InstitutionRow> changed = List.of(InstitutionRow.of(0, row(code, "改名医院", "110105", credit)));
        ImportReport report = users.as("bjadmin", () -> imports.importRows(changed));
        assertThat(report.committed()).isFalse();
        assertThat(report.rows().get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(report.rows().get(0).reason()).contains("已被其他机构使用");
        // Shanghai's admin: the existing Beijing row is not a duplicate of hers but a used code
        assertThat(users.as("shadmin", () -> imports.importRows(rows)).rows().get(0).outcome())
                .isEqualTo(Outcome.REJECTED);
    }

    @Test
    @DisplayName("INT-01 a file registers a centre and the institutions below it in file order; kinds and codes may be written in Chinese")
    void centreThenBelow() {
        String centre = InstitutionTestData.code("IC");
        String bank = InstitutionTestData.code("IF");
        List<InstitutionRow> rows = List.of(
                InstitutionRow.of(2, List.of(centre, "镇江市注册管理中心", "注册管理中心", "321100", "", "张", "0511-1",
                        "镇江", "李")),
                InstitutionRow.of(3, List.of(bank, "镇江银行", "金融机构", "321102", "", "张", "0511-2", "镇江", "王")));
        scenarios.centre("320000");
        ImportReport report = users.as("admin", () -> imports.importRows("zhenjiang", rows, null));
        assertThat(report.committed()).as(report.rows().toString()).isTrue();
        assertThat(users.as("admin", () -> institutions.details(bank)).superiorCode()).isEqualTo(centre);
        assertThat(users.as("admin", () -> institutions.details(centre)).level()).isEqualTo(CentreLevel.CITY);
    }
}
