package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.samsupply.SamApplicationService;
import cn.healthcard.samsupply.SamApplicationStatus;
import cn.healthcard.samsupply.SamApplicationView;
import cn.healthcard.samsupply.SamSupplyFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;

/**
 * SAM applications in a real browser (headless Chromium): a city centre's clerk registers an application on
 * 「SAM卡申领与制卡计划」, the provincial supervisor opens its review from the inbox and approves it; then the
 * supervision screen. Screenshots for docs/screenshots.
 */
@IntegrationTest
class SamApplicationBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired ApplicationContext context;
    @Autowired SamApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired TestUsers users;

    private BrowserSupport browser;

    @BeforeEach
    void setUp() {
        SamSupplyFixtures.ensure(context);
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("SAM-01 BPM-01 a city centre's clerk registers a SAM application and the provincial supervisor approves it from the inbox")
    void clerkRegistersSupervisorApproves() {
        browser.login(SamSupplyFixtures.CLERK, PASSWORD);
        browser.open("sam/applications");
        browser.waitFor(By.id("sam-institution"));
        browser.fillText("sam-institution", SamSupplyFixtures.HOSPITAL);
        browser.select("sam-terminal-type", "自助服务终端");
        browser.fillText("sam-quantity", "24");
        browser.fillText("sam-reason", "门诊大厅新增自助服务终端24台");
        browser.screenshot(SCREENSHOTS.resolve("sam-application-register.png"));
        browser.click(By.id("sam-register"));
        browser.waitUntil("the application listed", () -> browser.text(By.id("sam-applications"))
                .contains("门诊") || browser.text(By.id("sam-applications")).contains("24"));
        SamApplicationView a = users.as(SamSupplyFixtures.CLERK, () -> applications.list(null, 50)).stream()
                .filter(x -> x.quantity() == 24 && x.reason().startsWith("门诊大厅")).findFirst().orElseThrow();
        assertThat(a.status()).isEqualTo(SamApplicationStatus.SUBMITTED);
        browser.waitUntil("the number shown", () -> browser.text(By.id("sam-applications"))
                .contains(a.applicationNo()));
        browser.screenshot(SCREENSHOTS.resolve("sam-applications.png"));
        browser.logout();

        String taskId = SamSupplyFixtures.task(inbox, users, SamSupplyFixtures.PROVINCE_SUP, a.applicationNo(),
                SamApplicationService.REVIEW_TASK);
        browser.login(SamSupplyFixtures.PROVINCE_SUP, PASSWORD);
        browser.open("tasks/" + taskId);
        browser.waitFor(By.id("field-decision"));
        browser.chooseRadio("field-decision", "通过");
        browser.fillText("field-comment", "终端台数属实，同意申领");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("sam-application-review.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));
        assertThat(users.as(SamSupplyFixtures.PROVINCE_SUP, () -> applications.get(a.applicationNo())).status())
                .isEqualTo(SamApplicationStatus.APPROVED);

        browser.open("sam/supervision");
        browser.waitFor(By.id("sam-production"));
        browser.screenshot(SCREENSHOTS.resolve("sam-supervision.png"));
    }
}
