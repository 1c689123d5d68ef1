package cn.healthcard.browser;

import cn.healthcard.audit.internal.LocalElasticsearch;
import cn.healthcard.common.ServiceUnavailableException;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.card.CardService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;

/** An auditor searches the audit trail in a real browser and opens a card's case timeline. */
@IntegrationTest
class AuditSearchBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort int port;
    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired AuditSearch search;
    @Autowired TestUsers users;
    @Autowired LocalElasticsearch elasticsearchServer;

    private BrowserSupport browser;

    @BeforeEach
    void startBrowser() {
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("APP-13 SEC-02 SEC-03 an auditor finds a resident's entries by ID number (masked in the results), "
            + "by words of a reason, sees a field error for a wrong period, and opens the card's case timeline")
    void auditorSearches() {
        String comment = "核实本人于公交站遗失" + ThreadLocalRandom.current().nextInt(1000, 9999);
        ResidentData holder = TestResidents.newResident("司马审计");
        var issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        var scenario = new CardRequestScenarios(requests, inbox, users);
        var issued = issuing.issue(holder);
        String cardNo = issued.cardNo();
        String lossId = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "遗失",
                "lossDate", LocalDate.now().minusDays(1))).requestId();
        scenario.review("supervisor", lossId, "APPROVE", comment);
        scenario.awaitStatus(lossId, RequestStatus.COMPLETED);
        elasticsearchServer.awaitStarted(Duration.ofMinutes(5)); // started in the background once the app is ready
        // a search while the new index's shard is still being allocated answers 503: wait for an answer
        Eventually.await("the loss report in the index", Duration.ofSeconds(60), () -> users.as("auditor", () -> {
            try {
                return search.search(AuditQuery.everything().withCardNo(cardNo).withEventType(
                        "CardRequestCompleted"), 0, 1, null).total();
            } catch (ServiceUnavailableException e) {
                return -1L;
            }
        }), n -> n == 1);

        browser.login("auditor", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='审计查询']"));
        browser.waitFor(By.id("audit-grid"));

        browser.fillDate("audit-from", LocalDate.of(2026, 2, 1));
        browser.fillDate("audit-to", LocalDate.of(2026, 1, 1));
        browser.click(By.id("audit-search"));
        browser.waitUntil("the period error on the start date", () -> browser.pageContains("「开始日期」不能晚于「结束日期」"));
        browser.click(By.id("audit-reset"));

        browser.fillText("audit-docno", holder.documentNumber());
        browser.click(By.id("audit-search"));
        browser.waitUntil("the resident's entries, masked", () -> browser.text(By.id("audit-grid")).contains("申领登记")
                && browser.text(By.id("audit-grid")).contains("业务审核"));
        String grid = browser.text(By.id("audit-grid"));
        assertThat(grid).contains("司**计").contains(cardNo).doesNotContain(holder.documentNumber())
                .doesNotContain(holder.name());
        assertThat(browser.text(By.id("audit-summary"))).startsWith("共 ");
        browser.screenshot(SCREENSHOTS.resolve("audit-search.png"));

        // the CSV export of what is shown, fetched with the browser's own session
        String href = browser.waitFor(By.id("audit-export-csv")).getAttribute("href");
        String csv = (String) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(csv).contains("时间 (北京时间)").contains("司**计").contains(cardNo)
                .doesNotContain(holder.documentNumber()).doesNotContain(holder.name());

        browser.click(By.id("audit-reset"));
        browser.fillText("audit-text", comment.substring(4));
        browser.click(By.id("audit-search"));
        browser.waitUntil("the review found by words of its comment", () -> browser.text(By.id("audit-summary"))
                .equals("共 1 条") && browser.text(By.id("audit-grid")).contains(comment));

        browser.click(By.xpath("//vaadin-grid-cell-content/a[normalize-space(.)='" + cardNo + "']"));
        browser.waitFor(By.id("timeline-grid"));
        browser.waitUntil("the whole story on the timeline", () -> {
            String timeline = browser.text(By.id("timeline-grid"));
            return timeline.contains("申领登记") && timeline.contains("下达制卡") && timeline.contains("领卡")
                    && timeline.contains("业务审核") && timeline.contains(comment) && timeline.contains("supervisor");
        });
        assertThat(browser.text(By.id("timeline-cases"))).contains(issued.applicationId()).contains(lossId);
        browser.screenshot(SCREENSHOTS.resolve("audit-timeline.png"));
    }
}
