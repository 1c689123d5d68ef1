package cn.healthcard.browser;

import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The blacklist screen in a real browser: list a resident, field errors, remove with a reason. */
@IntegrationTest
class BlacklistBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

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
    @DisplayName("BL-02 SEC-01 a supervisor lists a resident and removes the entry with a reason on the blacklist screen; a clerk has no blacklist menu")
    void supervisorAddsAndRemoves() {
        browser.login("clerk", PASSWORD);
        assertThat(browser.driver().findElements(By.xpath("//vaadin-side-nav-item[normalize-space(.)='黑名单']")))
                .isEmpty();
        browser.logout();

        String idNumber = CardApplicationBrowserIT.idNumber("110105",
                LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(40 * 365)), true);
        String reason = "浏览器测试：冒用证件 " + ThreadLocalRandom.current().nextInt(1_000_000);

        browser.login("supervisor", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='黑名单']"));
        browser.waitFor(By.id("blacklist-grid"));

        browser.click(By.id("blacklist-add"));
        browser.waitFor(By.id("blacklist-add-docno"));
        browser.fillText("blacklist-add-docno", idNumber.substring(0, 17) + (idNumber.endsWith("0") ? "1" : "0"));
        browser.click(By.id("blacklist-add-save"));
        browser.waitUntil("check-digit error on the number and required reason",
                () -> browser.pageContains("校验位") && browser.pageContains("请填写「列入黑名单原因」"));
        browser.screenshot(SCREENSHOTS.resolve("blacklist-add-errors.png"));

        browser.fillText("blacklist-add-docno", idNumber);
        browser.fillText("blacklist-add-reason", reason);
        browser.click(By.id("blacklist-add-save"));
        browser.waitUntil("the new entry in the grid", () -> browser.text(By.id("blacklist-grid")).contains(reason));
        assertThat(browser.text(By.id("blacklist-grid"))).contains("已登记证件").doesNotContain(idNumber);
        browser.screenshot(SCREENSHOTS.resolve("blacklist.png"));

        browser.fillText("blacklist-filter-docno", idNumber);
        browser.click(By.id("blacklist-search"));
        By removeButtons = By.cssSelector("vaadin-button[id^='blacklist-remove-']");
        browser.waitUntil("only the new entry listed", () -> browser.driver().findElements(removeButtons).stream()
                .filter(WebElement::isDisplayed).count() == 1);
        browser.driver().findElements(removeButtons).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().click();
        browser.waitVaadin();
        browser.waitFor(By.id("blacklist-remove-reason"));
        browser.click(By.id("blacklist-remove-confirm"));
        browser.waitUntil("required removal reason", () -> browser.pageContains("请填写「移出原因」"));
        browser.fillText("blacklist-remove-reason", "核实有误");
        browser.click(By.id("blacklist-remove-confirm"));
        browser.waitUntil("entry gone from the active list",
                () -> !browser.text(By.id("blacklist-grid")).contains(reason));

        browser.click(By.id("blacklist-filter-active"));
        browser.click(By.id("blacklist-search"));
        browser.waitUntil("removed entry listed with who and why", () -> {
            String grid = browser.text(By.id("blacklist-grid"));
            return grid.contains(reason) && grid.contains("已移出") && grid.contains("核实有误")
                    && grid.contains("supervisor");
        });
    }
}
