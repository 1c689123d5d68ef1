package cn.healthcard.browser;

import cn.healthcard.gateway.AppAuthorizationService;
import cn.healthcard.gateway.AppView;
import cn.healthcard.gateway.GatewayMethod;
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
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** 「应用授权」 in a real browser: an admin registers an app, authorises it for an SDK and issues its secret (once). */
@IntegrationTest
class AppAuthorizationBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired AppAuthorizationService apps;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

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
    @DisplayName("EHC-06 an admin registers an app in 「应用授权」, authorises it for a published SDK and issues its secret, shown once with the authorization-code file to download; clerks have no such menu")
    void adminAuthorisesAnApp() {
        String sdkId = "SDK-BROWSER-" + System.nanoTime() % 100_000;
        users.run("admin", () -> apps.registerSdk(sdkId, "电子健康卡居民端SDK", "3.2.0", "国家卫生健康委统计信息中心",
                EnumSet.of(GatewayMethod.REGISTER, GatewayMethod.QR_CODE, GatewayMethod.PERSONAL_QUERY)));

        browser.login("clerk", PASSWORD);
        assertThat(browser.driver().findElements(By.xpath("//vaadin-side-nav-item[normalize-space(.)='应用授权']")))
                .as("clerks have no such menu").isEmpty();
        browser.logout();

        browser.login("admin", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='应用授权']"));
        browser.waitFor(By.id("apps-grid"));
        browser.click(By.id("apps-new-app"));
        String name = "健康北京 " + System.nanoTime() % 100_000;
        browser.fillText("app-name", name);
        browser.fillText("app-developer", "北京市卫生健康大数据中心");
        browser.click(By.id("app-save"));
        AppView app = users.as("admin", () -> apps.apps()).stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
        browser.waitUntil("the app is listed", () -> browser.pageContains(app.appId()));

        browser.click(By.id("apps-authorize-" + app.appId()));
        browser.select("authorize-sdk", sdkId + " · 电子健康卡居民端SDK 3.2.0");
        browser.click(By.id("authorize-go"));
        browser.waitUntil("authorised", () -> users.as("admin", () -> apps.app(app.appId())).authorisedSdks()
                .contains(sdkId));

        browser.click(By.id("apps-secret-" + app.appId()));
        browser.click(By.id("secret-go"));
        String secret = browser.waitFor(By.cssSelector("#secret-value input")).getDomProperty("value");
        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(browser.driver().findElement(By.id("secret-download")).getDomProperty("href")).isNotBlank();
        assertThat(jdbc.queryForObject("select secret_sealed from ehc_app where app_id = ?", String.class,
                app.appId())).doesNotContain(secret);
        browser.screenshot(SCREENSHOTS.resolve("ehc-app-secret.png"));
        browser.click(By.xpath("//vaadin-dialog-overlay//vaadin-button[normalize-space(.)='关闭']"));
        browser.waitUntil("the secret is gone from the page", () -> !browser.pageContains(secret));
        browser.waitUntil("secret version 1 listed", () -> browser.text(By.id("apps-grid")).contains("v1"));
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("ehc-apps.png"));
    }
}
