package cn.healthcard.browser;

import cn.healthcard.card.CardService;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.CaseTimeline;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.TimelineEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task operations in a real browser (issue #15, BPM-02, decision 034): a clerk opens her task (an application sent
 * back for correction), comments on it and attaches a PDF from the task form's toolbar, and finds both on the case
 * page, reached from the toolbar. Screenshots in target/screenshots.
 */
@IntegrationTest
class TaskOperationsBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired CaseTimeline timelines;

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
    @DisplayName("BPM-02 a clerk comments on her task and attaches a PDF from the task form's toolbar; both are on the case page's timeline, reached from the toolbar")
    void commentAndAttachInTheBrowser() throws Exception {
        CardApplicationScenarios scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        ResidentData person = TestResidents.newResident("欧阳敏");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "照片不清晰");
        scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED);
        TaskRef revise = scenario.task("clerk", id, "reviseApplication");
        Path pdf = Files.createTempFile("signature", ".pdf");
        pdf.toFile().deleteOnExit();
        Files.write(pdf, "%PDF-1.4\n% scanned signature\n".getBytes(StandardCharsets.US_ASCII));

        browser.login("clerk", PASSWORD);
        browser.open("tasks/" + revise.taskId());
        browser.hideDevTools();
        browser.waitFor(By.id("task-toolbar"));
        browser.click(By.id("task-comment"));
        browser.fillText("comment-text", "申请人已补交清晰照片，请复核");
        browser.screenshot(SCREENSHOTS.resolve("task-operations-comment.png"));
        browser.click(By.id("comment-save"));
        browser.waitUntil("comment dialog closed", () -> browser.driver().findElements(By.id("comment-dialog"))
                .isEmpty());

        browser.click(By.id("task-attach"));
        browser.upload("attach-upload", pdf);
        browser.waitUntil("attachment stored", () -> users.as("clerk", () -> timelines.of(id)).entries().stream()
                .anyMatch(e -> "ATTACHMENT".equals(e.kind())));
        browser.waitUntil("attach dialog closed", () -> browser.driver().findElements(By.id("attach-dialog"))
                .isEmpty());
        browser.screenshot(SCREENSHOTS.resolve("task-operations-toolbar.png"));

        browser.click(By.id("task-timeline"));
        browser.waitFor(By.id("case-timeline"));
        browser.hideDevTools();
        browser.waitUntil("the comment and the file on the case page",
                () -> browser.pageContains("申请人已补交清晰照片，请复核") && browser.pageContains(pdf.getFileName().toString()));
        assertThat(browser.pageContains("审核结论")).as("the review's decision on the page").isTrue();
        browser.screenshot(SCREENSHOTS.resolve("task-operations-case-timeline.png"));

        var kinds = users.as("clerk", () -> timelines.of(id)).entries().stream().map(TimelineEntry::kind).toList();
        assertThat(kinds).contains("COMMENT", "ATTACHMENT", "DECISION", "TASK_COMPLETED");
    }
}
