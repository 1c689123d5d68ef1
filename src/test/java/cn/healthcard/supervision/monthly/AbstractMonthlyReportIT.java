package cn.healthcard.supervision.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly reports over the statistics' fixed data set (Anhui 340000 with Hefei 340100, Shandong 370000; October
 * 2026, {@link StatisticsFixture}): open is idempotent, each region's PDF prints the service's numbers for its scope
 * with September for comparison, only a supervisor of the report's own region reviews it, drafts stay with that
 * region, published reports are listed for the regions above, every download is audited. On H2
 * ({@link MonthlyReportIT}) and PostgreSQL ({@link PostgresMonthlyReportIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractMonthlyReportIT {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Autowired MonthlyReports reports;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate rest;
    @Autowired org.camunda.bpm.engine.ManagementService management;

    @Autowired StatisticsFixture fixture;
    List<String> opened;

    @BeforeAll
    void open() {
        fixture.ensure();
        opened = users.as("admin", () -> reports.open(OCTOBER)).opened();
    }

    @AfterAll
    void removeRuntimeRows() {
        fixture.removeRuntimeRows();
    }

    private String reportOf(String region) {
        return jdbc.queryForObject("SELECT report_no FROM monthly_report WHERE region_code = ? AND report_month = ?",
                String.class, region, OCTOBER.toString());
    }

    private MonthlyReport generated(String region) {
        String no = reportOf(region);
        String supervisor = switch (region) {
            case "340000" -> "stsup34";
            case "340100" -> "stsup3401";
            default -> "stsup37";
        };
        // a draft is visible to its own region's supervisor only
        return Eventually.await("the report of " + region + " generated", Duration.ofSeconds(60),
                () -> users.as(supervisor, () -> reports.visible(no)), r -> r.status() != MonthlyReport.Status.OPEN);
    }

    private String reviewTask(String reportNo) {
        return Eventually.await("the review task of " + reportNo, Duration.ofSeconds(60),
                () -> jdbc.queryForList("SELECT e.task_id FROM inbox_entry e JOIN ACT_RU_TASK t ON t.ID_ = e.task_id"
                        + " WHERE e.business_key = ? AND t.TASK_DEF_KEY_ = ?", String.class, reportNo,
                        MonthlyReports.REVIEW_TASK), l -> !l.isEmpty()).get(0);
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
    @Order(1)
    @DisplayName("BPM-06 open makes one report per registration centre's region and month; a replay opens nothing")
    void openIsIdempotent() {
        assertThat(opened).isNotEmpty();
        for (String region : List.of("340000", "340100", "370000")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monthly_report WHERE region_code = ? AND"
                    + " report_month = '2026-10'", Integer.class, region)).as(region).isEqualTo(1);
        }
        // no centre in the county 340102: no report there
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monthly_report WHERE region_code = '340102'",
                Integer.class)).isZero();
        MonthlyReports.Opened replay = users.as("admin", () -> reports.open(OCTOBER));
        assertThat(replay.opened()).isEmpty();
        assertThat(replay.failed()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monthly_report WHERE report_month = '2026-10'",
                Integer.class)).isEqualTo(opened.size());
    }

    @Test
    @Order(1)
    @DisplayName("BPM-06 the deployed timer start waits for the next 1st at 01:00 China time")
    void timerDeployed() {
        var timer = management.createJobQuery().timers().processDefinitionKey(MonthlyReports.PROCESS_KEY)
                .singleResult();
        assertThat(timer).isNotNull();
        var fire = java.time.LocalDateTime.ofInstant(timer.getDuedate().toInstant(),
                cn.healthcard.supervision.process.MonthlyReportSchedule.CHINA);
        assertThat(fire.getDayOfMonth()).isEqualTo(1);
        assertThat(fire.toLocalTime()).isEqualTo(java.time.LocalTime.of(1, 0));
        assertThat(fire.toLocalDate()).isBeforeOrEqualTo(java.time.LocalDate.now(
                cn.healthcard.supervision.process.MonthlyReportSchedule.CHINA).plusMonths(1).withDayOfMonth(1));
    }

    @Test
    @Order(2)
    @DisplayName("BPM-06 a month not yet over, malformed or overlong is refused with 400 naming month; a supervisor may not open")
    void badMonths() {
        for (String bad : new String[] {"2026-13", "26-10", "2026-10-01", "x".repeat(5000), "", "2999-01"}) {
            assertThatThrownBy(() -> users.as("admin", () -> reports.month(bad))).as(bad.length() > 20 ? "long" : bad)
                    .isInstanceOfSatisfying(DomainValidationException.class,
                            e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("month"));
        }
        assertThatThrownBy(() -> users.as("admin", () -> reports.open(YearMonth.now().plusMonths(1))))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.open(OCTOBER)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @Order(3)
    @DisplayName("BPM-06 STAT-01 SUP-02 SUP-03 LC-07 the province's PDF prints the service's numbers of its scope, with September")
    void pdfHasTheNumbers() throws Exception {
        MonthlyReport province = generated("340000");
        assertThat(province.status()).isEqualTo(MonthlyReport.Status.REVIEW);
        assertThat(province.generation()).isEqualTo(1);
        assertThat(province.sm3()).hasSize(64);
        // the statistics' fixture: Hefei 4 applied, 4 made, 3 issued, 1 signed, 2 unsigned; Wuhu 1, 2, 2, 2, 0;
        // one loss report; 5 card uses (3 registration, 2 pharmacy), 4 verified e-cards
        assertThat(province.summary()).isEqualTo("申领 5，制卡 6，发放 5，签收 3，未签收 2；卡业务申请 1；用卡 5 次，"
                + "电子健康卡核验 4 次");
        MonthlyReports.ReportFile file = users.as("stsup34", () -> reports.pdf(province.reportNo()));
        assertThat(file.sm3()).isEqualTo(province.sm3());
        Path out = Path.of("target/reports/monthly-report.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, file.content()); // docs/screenshots/pdf/monthly-report.png: pdftoppm -png -r 80 -singlefile
        String text = text(file.content());
        assertThat(text).contains("安徽省", "2026年10月", "居民健康卡月度统计报告", "对比 2026年9月", "合肥市", "芜湖市",
                "挂号（REGISTRATION）", "取药（PHARMACY）");
        assertThat(text).doesNotContain("山东", "济南");
        // the city's report covers the city only
        MonthlyReport city = generated("340100");
        assertThat(city.summary()).startsWith("申领 4，制卡 4，发放 3，签收 1，未签收 2；");
        MonthlyReport shandong = generated("370000");
        assertThat(shandong.summary()).startsWith("申领 2，制卡 1，发放 1，签收 1，未签收 0；");
        // every download is audited
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'MonthlyReportDownloaded'"
                + " AND subject_id = ?", Integer.class, province.reportNo())).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("ORG-05 BPM-06 only a supervisor of the report's own region reviews it: the city's task is 403 for the province, the province's 404 for the city")
    void reviewerOfAnotherRegion() {
        String provinceTask = reviewTask(reportOf("340000"));
        String cityTask = reviewTask(reportOf("340100"));
        // the province's supervisor sees the city's task (below her) but may not review it
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(cityTask, Review.approve(), null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.reviewFor(cityTask)))
                .isInstanceOf(AccessDeniedException.class);
        // the city's supervisor does not see the province's task, nor does another province's
        assertThatThrownBy(() -> users.as("stsup3401", () -> reports.review(provinceTask, Review.approve(), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("stsup37", () -> reports.review(provinceTask, Review.approve(), null)))
                .isInstanceOf(NotFoundException.class);
        // an auditor has no review
        assertThatThrownBy(() -> users.as("staud34", () -> reports.review(provinceTask, Review.approve(), null)))
                .isInstanceOf(AccessDeniedException.class);
        // there is no rejection; a send-back needs its reason
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(provinceTask,
                Review.reject("不要"), null))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(provinceTask,
                Review.of("RETURN", null), null))).isInstanceOf(DomainValidationException.class);
    }

    @Test
    @Order(5)
    @DisplayName("BPM-06 a review binds to the PDF read: another SM3 is 409 REPORT_CHANGED, a malformed one 400 sm3, a report not in REVIEW 409 NOT_AT_STEP")
    void reviewBindsToTheViewedPdf() {
        String province = reportOf("340000");
        String task = reviewTask(province);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(task, Review.approve(), "0".repeat(64))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("REPORT_CHANGED"));
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(task, Review.approve(), "x".repeat(5000))))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("sm3"));
        // a report that is not waiting for review (e.g. being generated again) is never approved by a stale task
        jdbc.update("UPDATE monthly_report SET status = 'OPEN' WHERE report_no = ?", province);
        try {
            assertThatThrownBy(() -> users.as("stsup34", () -> reports.review(task, Review.approve(), null)))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo("NOT_AT_STEP"));
        } finally {
            jdbc.update("UPDATE monthly_report SET status = 'REVIEW' WHERE report_no = ?", province);
        }
        assertThat(users.as("stsup34", () -> reports.visible(province)).status())
                .isEqualTo(MonthlyReport.Status.REVIEW);
    }

    @Test
    @Order(5)
    @DisplayName("ORG-05 a draft is read only by its own region's supervisors: not by the city, another province or the auditor")
    void draftsStayInTheRegion() {
        String province = reportOf("340000");
        String city = reportOf("340100");
        assertThatThrownBy(() -> users.as("stsup3401", () -> reports.pdf(province)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("stsup37", () -> reports.pdf(province)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("staud34", () -> reports.pdf(province)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.pdf(city)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("stsup34", () -> reports.pdf("YB" + "9".repeat(5000))))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as("stsup3401", () -> reports.list(null))).extracting(MonthlyReport::reportNo)
                .contains(city).doesNotContain(province);
        assertThat(users.as("stsup34", () -> reports.list(null))).extracting(MonthlyReport::reportNo)
                .contains(province).doesNotContain(city);
    }

    @Test
    @Order(6)
    @DisplayName("BPM-06 send back renders the report again with the comment printed; approve publishes it for the regions above")
    void returnThenApproveThenPublished() throws Exception {
        String city = reportOf("340100");
        users.as("stsup3401", () -> reports.review(reviewTask(city), Review.sendBack("请补充瑶海区说明"), null));
        Eventually.await("regenerated", Duration.ofSeconds(60), () -> generated("340100"),
                r -> r.generation() == 2 && r.status() == MonthlyReport.Status.REVIEW);
        byte[] second = users.as("stsup3401", () -> reports.pdf(city)).content();
        assertThat(text(second)).contains("审核退回意见：请补充瑶海区说明");
        users.as("stsup3401", () -> reports.review(reviewTask(city), Review.approve(), null));
        MonthlyReport published = Eventually.await("published", Duration.ofSeconds(30),
                () -> generated("340100"), r -> r.status() == MonthlyReport.Status.PUBLISHED);
        assertThat(published.publishedBy()).isEqualTo("stsup3401");
        assertThat(published.publishedAt()).isNotNull();
        // now the province's supervisor and auditor list and download it; Shandong still does not
        assertThat(users.as("stsup34", () -> reports.list("2026-10"))).extracting(MonthlyReport::reportNo)
                .contains(city);
        assertThat(users.as("staud34", () -> reports.pdf(city)).sm3()).isEqualTo(published.sm3());
        assertThatThrownBy(() -> users.as("stsup37", () -> reports.pdf(city)))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'MonthlyReportPublished'"
                + " AND subject_id = ?", Integer.class, city)).isEqualTo(1);
        // a replayed review of the finished task is refused
        assertThatThrownBy(() -> users.as("stsup3401", () -> reports.reviewReport(city, Review.approve(), null)))
                .isInstanceOf(RuntimeException.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    @Test
    @Order(7)
    @DisplayName("BPM-06 ORG-05 over HTTP: list and published PDF with its SM3; 404 for another region's draft; 400 naming month or decision; 403 for a supervisor's catch-up; review once, the replay 409")
    void overHttp() {
        String city = reportOf("340100");
        String province = reportOf("340000");
        TestRestTemplate sup = rest.withBasicAuth("stsup34", "demo1234");
        ResponseEntity<String> list = sup.getForEntity("/api/v1/statistics/monthly-reports?month=2026-10",
                String.class);
        assertThat(list.getStatusCode().value()).isEqualTo(200);
        assertThat(list.getBody()).contains(city, province).doesNotContain(reportOf("370000"));
        ResponseEntity<byte[]> pdf = sup.getForEntity("/api/v1/statistics/monthly-reports/{no}/pdf", byte[].class,
                city);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(new String(pdf.getBody(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.getHeaders().getFirst("X-Content-SM3")).hasSize(64);
        assertThat(rest.withBasicAuth("stsup3401", "demo1234").getForEntity(
                "/api/v1/statistics/monthly-reports/{no}/pdf", String.class, province).getStatusCode().value())
                .isEqualTo(404);
        assertThat(rest.getForEntity("/api/v1/statistics/monthly-reports", String.class).getStatusCode().value())
                .isEqualTo(401);
        ResponseEntity<String> badMonth = sup.getForEntity("/api/v1/statistics/monthly-reports?month=2026-13",
                String.class);
        assertThat(badMonth.getStatusCode().value()).isEqualTo(400);
        assertThat(badMonth.getBody()).contains("month");
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports", HttpMethod.POST, json("{\"month\":\"2026-10\"}"),
                String.class).getStatusCode().value()).isEqualTo(403);
        // the admin's catch-up of a month every region has: 200, nothing opened, nothing failed
        ResponseEntity<String> catchUp = rest.withBasicAuth("admin", "demo1234").exchange(
                "/api/v1/statistics/monthly-reports", HttpMethod.POST, json("{\"month\":\"2026-10\"}"), String.class);
        assertThat(catchUp.getStatusCode().value()).isEqualTo(200);
        assertThat(catchUp.getBody()).contains("\"opened\":[]", "\"failed\":[]");
        ResponseEntity<String> reject = sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"REJECT\",\"comment\":\"不要\"}"), String.class, province);
        assertThat(reject.getStatusCode().value()).isEqualTo(400);
        assertThat(reject.getBody()).contains("decision");
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"RETURN\",\"comment\":\"" + "长".repeat(501) + "\"}"), String.class, province)
                .getStatusCode().value()).isEqualTo(400);
        // the province's supervisor may not review the city's report (403), then approves her own; the replay is 409
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"APPROVE\"}"), String.class, city).getStatusCode().value()).isIn(403, 409);
        String viewed = sup.getForEntity("/api/v1/statistics/monthly-reports/{no}/pdf", byte[].class, province)
                .getHeaders().getFirst("X-Content-SM3");
        ResponseEntity<String> stale = sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"APPROVE\",\"sm3\":\"" + "a".repeat(64) + "\"}"), String.class, province);
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(stale.getBody()).contains("REPORT_CHANGED");
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"APPROVE\",\"sm3\":\"" + "a".repeat(65) + "\"}"), String.class, province)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"APPROVE\",\"sm3\":\"" + viewed + "\"}"), String.class, province)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(sup.exchange("/api/v1/statistics/monthly-reports/{no}/review", HttpMethod.POST,
                json("{\"decision\":\"APPROVE\"}"), String.class, province).getStatusCode().value()).isEqualTo(409);
    }
}
