package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.processadmin.ProcessAdminService;
import cn.healthcard.processadmin.ProcessChangeIT;
import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.processadmin.ProcessChangeStatus;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.ProcessDeployments;
import cn.healthcard.workflow.Review;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 「流程设计」 in a real browser (headless Chromium; BPM-05): a second admin reviews a change to card-application on
 * its review screen (diff and check result) and approves it; the process list shows the admin's version as the latest;
 * the migration screen moves the running case to it, with progress. Screenshots of the diff and the migration screen
 * (the modeler part is the modeler's browser test).
 */
@IntegrationTest
class ProcessChangeBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired ProcessChangeService changes;
    @Autowired ProcessAdminService processes;
    @Autowired ProcessDeployments deployments;
    @Autowired CardApplicationService applications;
    @Autowired TestUsers users;

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
    @DisplayName("BPM-05 a second admin reviews the diff of a process change and approves it; the list shows the new "
            + "version; the running case is migrated with progress")
    void reviewDiffAndMigrate() {
        String original = users.as("admin", () -> deployments.latest("card-application")).id();
        String xml = users.as("admin", () -> processes.xml(original));
        users.as("clerk", () -> applications.submit(TestResidents.newResident("浏览器迁移")));
        ProcessChangeView change = users.as("admin", () -> changes.submit("card-application", original,
                ProcessChangeIT.withExtraApproval(xml), "增加稽核确认环节（浏览器测试）"));

        browser.login("admin2", PASSWORD);
        browser.open("process-design/change/" + change.changeId());
        browser.waitFor(By.id("change-diff"));
        assertThat(browser.text(By.id("change-diff"))).contains("secondApproval").contains("稽核确认")
                .contains("Flow_approved").contains("AUDITOR"); // what the added step does: its candidate group
        browser.waitFor(By.id("change-xml-download"));
        browser.waitFor(By.id("change-xml"));
        browser.chooseRadio("review-decision", "批准部署");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("process-change-diff.png"));
        browser.click(By.id("review-submit"));
        browser.waitUntil("the change deployed", () -> browser.text(By.id("change-meta")).contains("已部署"));
        ProcessChangeView deployed = users.as("admin", () -> changes.get(change.changeId()));
        assertThat(deployed.status()).isEqualTo(ProcessChangeStatus.DEPLOYED);

        browser.open("process-design");
        browser.waitFor(By.id("process-list"));
        browser.waitUntil("card-application listed", () -> browser.text(By.id("process-list"))
                .contains("card-application"));
        browser.screenshot(SCREENSHOTS.resolve("process-design.png"));

        browser.open("process-design/migrate?source=" + URLEncoder.encode(original, StandardCharsets.UTF_8)
                + "&target=" + URLEncoder.encode(deployed.definitionId(), StandardCharsets.UTF_8));
        browser.waitFor(By.id("migration-instances"));
        assertThat(browser.text(By.id("migration-mapped"))).contains(CardApplicationService.REVIEW_TASK);
        browser.screenshot(SCREENSHOTS.resolve("process-migration-plan.png"));
        browser.click(By.id("migrate-all"));
        browser.waitUntil("the migration done", () -> browser.text(By.id("migration-progress-text"))
                .contains("迁移完成"));
        browser.screenshot(SCREENSHOTS.resolve("process-migration.png"));

        // put the shipped content back as the latest for the other tests
        ProcessChangeView rollback = users.as("admin", () -> changes.proposeRollback(original, "恢复"));
        String task = users.as("admin2", () -> changes.openTask(rollback.changeId(),
                ProcessChangeService.REVIEW_TASK));
        users.as("admin2", () -> changes.review(task, Review.approve()));
    }
}
