package cn.healthcard.browser;

import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webapps' entrance to the engine in a real browser session (docs/decisions/018): Cockpit works for an admin with
 * the engine's authorization checks on; the Tasklist and the webapps' copy of the engine REST API refuse what is not
 * on the allow-list, with the admin's own session.
 */
@IntegrationTest
class EngineLockdownBrowserIT {

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
    @DisplayName("SEC-01 BPM-02 in an admin's webapp session: Cockpit lists processes; Tasklist and task completion, "
            + "variable change and deployment through /camunda/api/engine answer 403")
    void webappsNarrowed() {
        browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
        browser.waitFor(By.cssSelector("input[name=username]"));
        browser.driver().findElement(By.cssSelector("input[name=username]")).sendKeys("admin");
        browser.driver().findElement(By.cssSelector("input[name=password]")).sendKeys("demo1234", Keys.ENTER);
        browser.waitUntil("back at Cockpit after signing in",
                () -> browser.driver().getCurrentUrl().contains("/camunda/app/cockpit/"));
        browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/processes");
        // what Cockpit's process list reads, in the admin's webapp session: asked through the session's own API
        // rather than read off the rendered page, whose drawing varied from run to run on a busy machine
        String[] last = {""};
        try {
            browser.waitUntil("Cockpit's API lists the card-application process", java.time.Duration.ofSeconds(120),
                    () -> (last[0] = call("GET",
                            "/camunda/api/engine/engine/default/process-definition?key=card-application"))
                            .startsWith("200 "));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last answer: "
                    + last[0].substring(0, Math.min(600, last[0].length())), e);
        }
        assertThat(call("GET", "/camunda/api/engine/engine/default/process-definition?key=card-application"))
                .startsWith("200 ").contains("card-application");
        // refused by the allow-list itself (its problem body), not by Camunda's CSRF check further down
        for (String[] refused : new String[][]{
                {"POST", "/camunda/api/engine/engine/default/task/any/complete"},
                {"POST", "/camunda/api/engine/engine/default/task/any/submit-form"},
                {"PUT", "/camunda/api/engine/engine/default/process-instance/any/variables/regionCode"},
                {"POST", "/camunda/api/engine/engine/default/deployment/create"},
                {"GET", "/camunda/app/tasklist/default/"},
                {"GET", "/camunda/api/tasklist/plugin/tasklist-plugins/static/app/plugin.js"}}) {
            assertThat(call(refused[0], refused[1])).as(refused[0] + " " + refused[1])
                    .startsWith("403 ").contains("allow-list");
        }
    }

    /** "status body" of a same-origin request made by the page, with the session's cookies. */
    private String call(String method, String path) {
        return String.valueOf(browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[1], {method: arguments[0], credentials: 'same-origin',"
                        + " headers: {'Content-Type': 'application/json'}, body: arguments[0] === 'GET' ? undefined : '{}'})"
                        + ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('-1 ' + e));",
                method, path));
    }
}
