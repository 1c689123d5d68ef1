package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.supervision.monthly.MonthlyReport;
import cn.healthcard.supervision.monthly.MonthlyReports;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;

/**
 * The monthly report in a real browser (BPM-06, STAT-01): September 2026 is opened for the statistics' fixture
 * (Anhui, Hefei); Hefei's supervisor opens the review from her task inbox, the draft's PDF beside the form, approves
 * it; the report is listed as published on 「月度报告」 with its download, for her and for the province's supervisor.
 * Screenshots for docs/screenshots.
 */
@IntegrationTest
class MonthlyReportBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired MonthlyReports reports;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

    private BrowserSupport browser;
    @Autowired StatisticsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture.ensure();
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("BPM-06 STAT-01 in the browser: the city's supervisor reviews the month's report from her inbox, approves it, and it is listed published with its PDF")
    void reviewPublishDownload() {
        users.as("admin", () -> reports.open(YearMonth.of(2026, 9)));
        String reportNo = jdbc.queryForObject("SELECT report_no FROM monthly_report WHERE region_code = '340100'"
                + " AND report_month = '2026-09'", String.class);
        String taskId = Eventually.await("the review task", Duration.ofSeconds(60),
                () -> jdbc.queryForList("SELECT e.task_id FROM inbox_entry e JOIN ACT_RU_TASK t ON t.ID_ = e.task_id"
                        + " WHERE e.business_key = ? AND t.TASK_DEF_KEY_ = ?", String.class, reportNo,
                        MonthlyReports.REVIEW_TASK), l -> !l.isEmpty()).get(0);

        browser.login("stsup3401", PASSWORD);
        browser.open("inbox");
        browser.waitFor(By.id("inbox-grid"));
        browser.waitUntil("the report in the inbox", () -> browser.text(By.id("inbox-grid")).contains("2026-09 月度报告"));
        browser.screenshot(SCREENSHOTS.resolve("monthly-report-inbox.png"));
        browser.open("tasks/" + taskId);
        browser.waitFor(By.id("field-decision"));
        browser.waitFor(By.id("monthly-report-pdf"));
        browser.chooseRadio("field-decision", "通过并发布");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("monthly-report-review.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));

        Eventually.await("published", Duration.ofSeconds(30), () -> users.as("stsup3401",
                () -> reports.visible(reportNo)).status(), s -> s == MonthlyReport.Status.PUBLISHED);
        browser.open("supervision/monthly-reports");
        browser.waitFor(By.id("monthly-reports"));
        browser.waitUntil("the report listed as published", () -> browser.text(By.id("monthly-reports"))
                .contains(reportNo) && browser.text(By.id("monthly-reports")).contains("已发布"));
        assertThat(browser.waitFor(By.id("monthly-pdf-" + reportNo)).getAttribute("href")).isNotBlank();
        browser.logout();

        // the province's supervisor lists the city's published report with its download
        browser.login("stsup34", PASSWORD);
        browser.open("supervision/monthly-reports");
        browser.waitFor(By.id("monthly-reports"));
        browser.fillText("monthly-month", "2026-09");
        browser.click(By.id("monthly-search"));
        browser.waitUntil("the city's report listed", () -> browser.text(By.id("monthly-reports")).contains(reportNo));
        browser.waitFor(By.id("monthly-pdf-" + reportNo));
        browser.screenshot(SCREENSHOTS.resolve("monthly-reports.png"));
    }
}
