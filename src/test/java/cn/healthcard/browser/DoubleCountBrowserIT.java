package cn.healthcard.browser;

import cn.healthcard.floor.FloorScenarios;
import cn.healthcard.floor.FloorService;
import cn.healthcard.floor.FloorViews.Count;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double count of the card maker's floor in a real browser (headless Chromium, PER-11): two operators count a
 * batch from their inbox, the counts differ, the case goes back to a recount, the second round matches and the batch
 * waits for the lead's sign-off; the 制卡现场 screen shows the rounds. Screenshots for docs/screenshots.
 */
@IntegrationTest
class DoubleCountBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired FloorScenarios scenarios;
    @Autowired FloorService floor;
    @Autowired TestUsers users;

    private BrowserSupport browser;

    @BeforeEach
    void setUp() {
        scenarios.people();
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    private void count(String user, String batch, String taskKey, int counted, String screenshot) {
        String taskId = scenarios.task(user, batch, taskKey);
        browser.login(user, PASSWORD);
        browser.open("tasks/" + taskId);
        browser.waitFor(By.id("field-counted"));
        assertThat(browser.text(By.id("field-batchNo"))).isNotNull();
        browser.fillText("field-counted", String.valueOf(counted));
        if (screenshot != null) {
            browser.scrollToTop();
            browser.screenshot(SCREENSHOTS.resolve(screenshot));
        }
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));
        browser.logout();
    }

    @Test
    @DisplayName("PER-11 BPM-01: the double count in the browser — the counts differ, the batch goes back to a recount, the second round matches and waits for the lead")
    void doubleCountWithRecount() {
        String batch = scenarios.destroyed();
        count("floora1", batch, FloorService.FIRST_COUNT_TASK, 2, "floor-count-first.png");
        count("floora2", batch, FloorService.SECOND_COUNT_TASK, 1, null);
        // mismatch: back to the first count of a new round
        assertThat(users.as("floora1", () -> floor.taskAt(batch, FloorService.FIRST_COUNT_TASK))).isNotBlank();
        count("floora2", batch, FloorService.FIRST_COUNT_TASK, 2, null);
        count("floora1", batch, FloorService.SECOND_COUNT_TASK, 2, "floor-count-second.png");
        List<Count> counts = users.as("floora1", () -> floor.batch(batch)).counts();
        assertThat(counts).extracting(Count::roundNo, Count::counted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(1, 1),
                        org.assertj.core.groups.Tuple.tuple(2, 2), org.assertj.core.groups.Tuple.tuple(2, 2));
        assertThat(users.as("flooralead", () -> floor.taskAt(batch, FloorService.SIGN_OFF_TASK))).isNotBlank();

        browser.login("floora1", PASSWORD);
        browser.open("floor");
        browser.waitFor(By.id("floor-batches"));
        browser.waitUntil("the batch listed", () -> browser.text(By.id("floor-batches")).contains(batch));
        browser.click(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + batch + "']"));
        browser.waitUntil("the counts shown", () -> browser.text(By.id("floor-batch-detail")).contains("第 2 轮"));
        browser.screenshot(SCREENSHOTS.resolve("floor-batches.png"));
    }
}
