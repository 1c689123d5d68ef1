package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.jdbc.core.JdbcTemplate;

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
    @Autowired SupervisionStatistics statistics;

    private BrowserSupport browser;
    @Autowired StatisticsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture.ensure();
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 ORG-05 a clerk's home is the task inbox; a supervisor's is the dashboard with the fixture's exact figures of her scope, each tile with a screen opens it")
    void homePerRole() {
        browser.login("clerk", PASSWORD);
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inbox");
        assertThat(browser.driver().findElements(By.id("home-tiles"))).isEmpty();
        browser.logout();

        // Anhui: SQST0009 submitted today; SQST0004 and SQST0009 waiting; the clerk's task of 5 days; 000000ST0000000004 lost
        browser.login("stsup34", PASSWORD);
        browser.waitFor(By.id("home-tiles"));
        assertThat(count("today-applications")).isEqualTo(1);
        assertThat(count("waiting-reviews")).isEqualTo(2);
        assertThat(count("overdue-tasks")).isEqualTo(2);
        assertThat(count("open-incidents")).isZero();
        assertThat(count("lost-this-week")).isEqualTo(1);
        assertThat(users.as("stsup34", () -> statistics.dashboard())).isEqualTo(new Dashboard(1, 2, 2, 0, 1));
        browser.screenshot(SCREENSHOTS.resolve("supervision-home.png"));

        browser.click(By.cssSelector("#tile-today-applications a"));
        browser.waitFor(By.id("issuing-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/supervision/issuing");
        browser.open("");
        browser.click(By.cssSelector("#tile-overdue-tasks a"));
        browser.waitFor(By.id("assessment-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/supervision/assessment");
        browser.open("");
        browser.waitFor(By.id("tile-waiting-reviews-count"));
        assertThat(browser.driver().findElements(By.cssSelector("#tile-waiting-reviews a")))
                .as("no screen shows the region's waiting reviews: a plain figure, not a link").isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#tile-lost-this-week a")))
                .as("no screen shows the week's lost cards: a plain figure, not a link").isEmpty();
        browser.logout();

        // Hefei: the same desk's figures, but the lost card is Wuhu's
        browser.login("stsup3401", PASSWORD);
        browser.waitFor(By.id("home-tiles"));
        assertThat(count("today-applications")).isEqualTo(1);
        assertThat(count("waiting-reviews")).isEqualTo(2);
        assertThat(count("overdue-tasks")).isEqualTo(2);
        assertThat(count("open-incidents")).isZero();
        assertThat(count("lost-this-week")).as("ORG-05 the lost card is Wuhu's, not Hefei's").isZero();
        browser.logout();

        // Shandong: SQST0008 waits (submitted in October), nothing of Anhui's
        browser.login("stsup37", PASSWORD);
        browser.waitFor(By.id("home-tiles"));
        assertThat(count("today-applications")).isZero();
        assertThat(count("waiting-reviews")).isEqualTo(1);
        assertThat(count("overdue-tasks")).isZero();
        assertThat(count("lost-this-week")).isZero();
    }

    @Test
    @DisplayName("SUP-02 a clerk is refused the supervision screens: the refusal is shown, and no grid")
    void clerkRefused() {
        browser.login("clerk", PASSWORD);
        browser.waitFor(By.id("inbox-grid"));
        browser.open("supervision/issuing");
        browser.waitUntil("the refusal shown", this::refused);
        assertThat(browser.driver().findElements(By.id("issuing-grid"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("sup-run"))).isEmpty();
        browser.open("supervision/cases?measure=APPLIED");
        browser.waitUntil("the refusal shown", this::refused);
        assertThat(browser.driver().findElements(By.id("cases-grid"))).isEmpty();
    }

    /** Vaadin's answer to a route the user's roles do not allow: its not-found page. */
    private boolean refused() {
        return browser.pageContains("Could not navigate");
    }

    private long count(String tile) {
        return Long.parseLong(browser.text(By.id("tile-" + tile + "-count")));
    }
}
