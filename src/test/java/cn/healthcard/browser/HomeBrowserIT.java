package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.resident.ResidentService;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;

/**
 * The home page per role: a clerk lands on the task inbox as before; a supervisor lands on the dashboard with the
 * service's key figures for her scope, each a link to its screen.
 */
@IntegrationTest
class HomeBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired TransactionTemplate tx;
    @Autowired ResidentService residents;
    @Autowired ApplicationEventPublisher events;
    @Autowired SupervisionStatistics statistics;

    private BrowserSupport browser;
    private StatisticsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new StatisticsFixture(jdbc, users, tx, residents, events);
        fixture.ensure();
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 a clerk's home is the task inbox; a supervisor's is the dashboard with the service's figures, each tile opens its screen")
    void homePerRole() {
        browser.login("clerk", PASSWORD);
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inbox");
        assertThat(browser.driver().findElements(By.id("home-tiles"))).isEmpty();
        browser.logout();

        browser.login("stsup34", PASSWORD);
        browser.waitFor(By.id("home-tiles"));
        Dashboard expected = users.as("stsup34", () -> statistics.dashboard());
        assertThat(count("today-applications")).isEqualTo(expected.todayApplications());
        assertThat(count("waiting-reviews")).isEqualTo(expected.waitingReviews());
        assertThat(count("overdue-tasks")).isEqualTo(expected.overdueTasks());
        assertThat(count("open-incidents")).isEqualTo(expected.openIncidents());
        assertThat(count("lost-this-week")).isEqualTo(expected.lostThisWeek());
        assertThat(expected.todayApplications()).as("SQST0009 submitted today in Anhui").isPositive();
        assertThat(expected.lostThisWeek()).as("000000ST0000000004 reported lost today").isPositive();
        browser.screenshot(SCREENSHOTS.resolve("supervision-home.png"));

        browser.click(By.cssSelector("#tile-today-applications a"));
        browser.waitFor(By.id("issuing-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/supervision/issuing");
        browser.open("");
        browser.click(By.cssSelector("#tile-overdue-tasks a"));
        browser.waitFor(By.id("assessment-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/supervision/assessment");
        browser.open("");
        browser.click(By.cssSelector("#tile-waiting-reviews a"));
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inbox");
        browser.logout();

        browser.login("stsup3401", PASSWORD);
        browser.waitFor(By.id("home-tiles"));
        Dashboard city = users.as("stsup3401", () -> statistics.dashboard());
        assertThat(count("today-applications")).isEqualTo(city.todayApplications());
        assertThat(count("lost-this-week")).as("ORG-05 the lost card is Wuhu's, not Hefei's")
                .isEqualTo(city.lostThisWeek()).isLessThan(expected.lostThisWeek());
    }

    @Test
    @DisplayName("SUP-02 a clerk is refused the supervision screens")
    void clerkRefused() {
        browser.login("clerk", PASSWORD);
        browser.open("supervision/issuing");
        assertThat(browser.driver().findElements(By.id("issuing-grid"))).isEmpty();
        browser.open("supervision/cases?measure=APPLIED");
        assertThat(browser.driver().findElements(By.id("cases-grid"))).isEmpty();
    }

    private long count(String tile) {
        return Long.parseLong(browser.text(By.id("tile-" + tile + "-count")));
    }
}
