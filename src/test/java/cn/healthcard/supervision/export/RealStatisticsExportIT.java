package cn.healthcard.supervision.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * A background export through the real statistics service (not {@link FakeSupervisionStatistics}), in the shared H2
 * context with the statistics fixture: the region scope and the cases' read audit apply on the worker thread.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealStatisticsExportIT {

    static final StatisticsFilter OCTOBER = StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO)
            .withGranularity(Granularity.MONTH);

    @Autowired SupervisionExports exports;
    @Autowired SupervisionStatistics statistics;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

    @Autowired StatisticsFixture fixture;

    @BeforeAll
    void writeFixture() {
        fixture.ensure();
    }

    @AfterAll
    void removeRuntimeRows() {
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 ORG-05 SEC-03: a city supervisor's background case export, through the real statistics service, holds only the city's cases and is read-audited as that user; a province region is refused before a job exists")
    void cityScopeOnTheWorkerThread() throws Exception {
        List<CaseRow> city = users.as("stsup3401", () -> statistics.cases(Measure.MADE, OCTOBER, 0, 200));
        List<CaseRow> province = users.as("stsup34", () -> statistics.cases(Measure.MADE, OCTOBER, 0, 200));
        assertThat(city).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).startsWith("3401"));
        assertThat(province).as("the province sees more than the city").hasSizeGreaterThan(city.size());
        long reads = casesRead("stsup3401");

        UUID id = users.as("stsup3401", () -> exports.queue(new ExportRequest(ExportScreen.CASES, ExportFormat.CSV,
                OCTOBER, Measure.MADE), null)).id();
        ExportJob job = awaitEnd(id);
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(ExportStatus.DONE);
        assertThat(job.rowsDone()).isEqualTo(city.size());
        String numbers = users.as("stsup3401", () -> exports.caseNumbers(id));
        assertThat(Arrays.asList(numbers.split("\n")))
                .containsExactlyElementsOf(city.stream().map(CaseRow::caseNo).toList());
        String csv = Files.readString(users.as("stsup3401", () -> exports.file(id)).path());
        for (CaseRow other : province) {
            if (!other.regionCode().startsWith("3401")) {
                assertThat(csv).as("another city's case").doesNotContain(other.caseNo() + ",");
            }
        }
        assertThat(casesRead("stsup3401")).as("the worker's page reads are audited as the user")
                .isGreaterThan(reads);

        long before = jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class);
        assertThatThrownBy(() -> users.as("stsup3401", () -> exports.queue(new ExportRequest(ExportScreen.CASES,
                ExportFormat.CSV, OCTOBER.withRegion("340000"), Measure.MADE), null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("SUP-01 SUP-03 SUP-04: the case-level export of the new lists — completed tasks with their minutes, the verification counter with its counts, failed answers with their batch — as typed Excel cells")
    void newKindsExported() throws Exception {
        var handled = users.as("stsup34", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.XLSX, OCTOBER.withInstitution("ST-340102"), Measure.HANDLED), () -> null));
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                ((SupervisionExports.Ready) handled).body()))) {
            var sheet = workbook.getSheet("案例明细");
            var header = sheet.getRow(0);
            List<String> headings = new java.util.ArrayList<>();
            header.forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).containsSubsequence("业务编号/卡号/终端/SAM卡号/机构代码", "类别", "姓名(脱敏)",
                    "状态/环节/原因/机构类别", "日期", "数量(用时分钟/核验次数)", "附加信息(批次/SAM卡号/业务类型/生产企业/机构名称)");
            int quantity = headings.indexOf("数量(用时分钟/核验次数)");
            List<Double> minutes = new java.util.ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                assertThat(sheet.getRow(i).getCell(1).getStringCellValue()).isEqualTo("DONE_TASK");
                minutes.add(sheet.getRow(i).getCell(quantity).getNumericCellValue());
            }
            assertThat(minutes).containsExactly(60.0, 180.0, 1800.0);
        }
        var counter = users.as("stsup34", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.CSV, OCTOBER, Measure.ECARD_VERIFICATIONS), () -> null));
        String csv = new String(((SupervisionExports.Ready) counter).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("ST-T1,VERIFICATION_COUNT,340102,ST-H340102,,REGISTRATION,2026-10-05,4,");
        var failed = users.as("stsup37", () -> exports.export(new ExportRequest(ExportScreen.CASES,
                ExportFormat.CSV, OCTOBER, Measure.FAILED), () -> null));
        String failedCsv = new String(((SupervisionExports.Ready) failed).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(failedCsv).contains("SQST-F3,RESULT,370000,ST-MK2,", "地址不全", "ST-B3");
    }

    @Test
    @DisplayName("STAT-01: the case-level export of the slices' lists — SAM cards of a state, requests of a type, institutions of a kind (no personal data)")
    void sliceKindsExported() {
        assertThat(csv("stsup34", OCTOBER.withStatus("FROZEN"), Measure.SAM_STATE))
                .contains("ST-SAM-2,SAM,340102,ST-H340102,,FROZEN,").doesNotContain("ST-SAM-1");
        assertThat(csv("stsup34", OCTOBER.withRequestType("LOSS_REPORT"), Measure.CARD_REQUESTS))
                .contains("RQST0001,REQUEST,340202,ST-340202,", ",LOSS_REPORT");
        assertThat(csv("stsup34", OCTOBER.withStatus("CARD_MAKER"), Measure.INSTITUTION_KIND))
                .contains("ST-MK1,INSTITUTION,340000,,,CARD_MAKER,", "皖卡制卡厂").doesNotContain("ST-MK2");
    }

    private String csv(String user, StatisticsFilter filter, Measure measure) {
        var ready = users.as(user, () -> exports.export(new ExportRequest(ExportScreen.CASES, ExportFormat.CSV, filter,
                measure), () -> null));
        return new String(((SupervisionExports.Ready) ready).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private long casesRead(String actor) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCasesRead'"
                + " AND actor = ?", Long.class, actor);
    }

    private ExportJob awaitEnd(UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            ExportJob job = users.as("stsup3401", () -> exports.job(id));
            if (!job.status().open()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export " + id + " did not end");
    }
}
