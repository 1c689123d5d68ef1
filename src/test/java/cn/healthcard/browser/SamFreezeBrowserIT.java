package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.SamBindingService;
import cn.healthcard.sam.SamCaseService;
import cn.healthcard.sam.SamFixtures;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.sam.SamStatus;
import cn.healthcard.sam.TerminalType;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.CaseTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.Set;

/**
 * The SAM freeze case in a real browser (headless Chromium, SAM-04, BPM-01): a Changsha centre clerk finds a bound SAM
 * on 「SAM卡」, requests its freeze on the form, a supervisor opens the review from the task inbox and approves; the SAM
 * is frozen and on the SAM blacklist. Screenshots for docs/screenshots.
 */
@IntegrationTest
class SamFreezeBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TerminalService terminals;
    @Autowired TestUsers users;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired SamRegister register;
    @Autowired SamBindingService bindings;
    @Autowired SamCaseService cases;
    @Autowired CaseTasks caseTasks;

    private BrowserSupport browser;

    @BeforeEach
    void setUp() {
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("SAM-04 BPM-01 in the browser: a clerk requests the freeze of a bound SAM, a supervisor approves it from the inbox, the SAM is frozen, blacklisted, counted and listed on the hospital's page (ORG-02)")
    void freezeRequestAndReview() {
        SamFixtures f = new SamFixtures(institutions, userAdministration, terminals, users, events, tx);
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        long version = users.as("csclerk", () -> register.get(sam)).version();
        users.as("csclerk", () -> bindings.bind(sam, new SamBindingService.Binding(hospital[0],
                TerminalType.COUNTER_READER, hospital[1]), version));

        browser.login("csclerk", PASSWORD);
        browser.open("sam");
        browser.waitFor(By.id("sam-grid"));
        browser.fillText("sam-filter-no", sam);
        browser.click(By.id("sam-search"));
        browser.click(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + sam + "']"));
        browser.waitFor(By.id("sam-request"));
        browser.screenshot(SCREENSHOTS.resolve("sam-cards.png"));
        browser.click(By.id("sam-request"));
        browser.waitFor(By.id("sam-request-form"));
        browser.waitUntil("the SAM number filled in",
                () -> browser.pageContains("SAM卡号"));
        browser.chooseRadio("field-action", "冻结");
        browser.chooseRadio("field-freezeReason", "疑似违规使用");
        browser.fillText("field-reason", "该终端出现异常交易，疑似违规使用");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("sam-freeze-request.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("sam-grid"));
        browser.logout();

        String caseNo = users.as("csclerk", () -> cases.casesOf(sam)).get(0).caseNo();
        String taskId = users.as("cssuper", () -> caseTasks.requireAt(caseNo, Set.of(SamCaseService.PROCESS_KEY),
                SamCaseService.REVIEW_TASK, "审核")).taskId();
        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.BOUND);

        browser.login("cssuper", PASSWORD);
        browser.open("inbox");
        browser.waitFor(By.id("inbox-grid"));
        browser.waitUntil("the case in the inbox", () -> browser.text(By.id("inbox-grid")).contains(sam));
        browser.open("tasks/" + taskId);
        browser.waitFor(By.id("field-decision"));
        assertThat(browser.text(By.id("field-samNo"))).isNotNull();
        browser.chooseRadio("field-decision", "通过");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("sam-freeze-review.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));

        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.FROZEN);
        browser.open("sam/blacklist");
        browser.waitFor(By.id("sam-blacklist-grid"));
        browser.waitUntil("the SAM listed", () -> browser.text(By.id("sam-blacklist-grid")).contains(sam));
        browser.screenshot(SCREENSHOTS.resolve("sam-blacklist.png"));
        browser.open("sam/statistics");
        browser.waitFor(By.id("sam-usage-grid"));
        browser.waitUntil("the freeze counted", () -> browser.text(By.id("sam-usage-grid")).contains("冻结"));
        browser.screenshot(SCREENSHOTS.resolve("sam-usage.png"));
        // ORG-02: the hospital's page lists its SAM with its status
        browser.open("institutions/" + hospital[0]);
        browser.waitFor(By.id("inst-sam"));
        browser.waitUntil("the SAM on the institution page", () -> browser.text(By.id("inst-sam")).contains(sam));
        browser.screenshot(SCREENSHOTS.resolve("sam-institution.png"));
    }
}
