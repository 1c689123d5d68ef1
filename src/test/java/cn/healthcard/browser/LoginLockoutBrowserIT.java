package cn.healthcard.browser;

import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page after too many wrong passwords (decision 019), as a person sees it. The browser comes from a
 * loopback address of its own (127.0.0.77), so its failures neither throttle nor lock anything the other tests use;
 * the name it types is unknown, which is locked exactly like a known one.
 */
@IntegrationTest
class LoginLockoutBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));

    @LocalServerPort
    int port;

    private BrowserSupport browser;

    @BeforeEach
    void startBrowser() {
        browser = new BrowserSupport("http://127.0.0.77:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("SEC-01 after 5 wrong passwords the login page says the account is locked (账户已锁定), and says so again for the right password")
    void lockedMessage() {
        String name = "lockdemo" + System.nanoTime() % 100_000;
        for (int i = 0; i < 5; i++) {
            attempt(name, "wrong-" + i);
            browser.waitUntil("the failure is shown", () -> browser.driver().getCurrentUrl().contains("error"));
        }
        attempt(name, "demo1234");
        browser.waitUntil("locked", () -> browser.driver().getCurrentUrl().contains("locked"));
        // the message is drawn inside the login form's shadow DOM: read what the form shows
        browser.waitUntil("the locked message", () -> String.valueOf(browser.driver().executeScript(
                "const f = document.querySelector('vaadin-login-overlay, vaadin-login-form');"
                        + "return f && f.error ? f.i18n.errorMessage.title : ''")).equals("账户已锁定"));
        browser.screenshot(SCREENSHOTS.resolve("login-locked.png"));
        assertThat(browser.driver().getPageSource()).doesNotContain("demo1234");
    }

    private void attempt(String name, String password) {
        browser.open("login");
        var user = browser.waitFor(By.cssSelector("input[name=username]"));
        user.clear();
        user.sendKeys(name);
        browser.driver().findElement(By.cssSelector("input[name=password]")).sendKeys(password, Keys.ENTER);
    }
}
