package cn.healthcard.browser;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionFixture;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** 制卡计划 and 制卡差错 in a real browser (APP-08, PER-04). */
@IntegrationTest
class ProductionPlanBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));

    @LocalServerPort
    int port;

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired ProductionOrders orders;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired CryptoDevice device;
    @Autowired TransactionTemplate tx;

    private BrowserSupport browser;

    @BeforeEach
    void startBrowser() {
        ProductionFixture.ensure(context);
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("APP-08 PER-04: a supervisor generates, reviews and submits a production plan on 制卡计划 and sees its "
            + "batches; the clerk opens 制卡差错")
    void generateAndSubmit() {
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        browser.login("pxsup", "demo1234");
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='制卡计划']"));
        browser.waitFor(By.id("production-plans"));
        browser.click(By.id("production-generate"));
        browser.waitUntil("the draft plan with its groups", () -> browser.pageContains("待提交")
                && browser.text(By.id("production-groups")).contains("150102")
                && browser.text(By.id("production-groups")).contains("新城区"));
        browser.screenshot(SCREENSHOTS.resolve("production-plan-draft.png"));
        browser.click(By.id("production-submit"));
        browser.waitUntil("the submitted plan's batches", () -> browser.text(By.id("production-batches"))
                .contains("PC") && browser.text(By.id("production-plan-detail")).contains("已提交"));
        assertThat(browser.text(By.id("production-batches"))).contains("已下发", ProductionFixture.MAKER);
        // names, with the codes in smaller text: the maker from the institution register, the region from GB/T 2260
        assertThat(browser.text(By.id("production-batches"))).contains("呼和浩特个人化中心（测试）", "新城区");
        browser.screenshot(SCREENSHOTS.resolve("production-plan-submitted.png"));
        browser.logout();

        browser.login("pxclerk", "demo1234");
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='制卡差错']"));
        browser.waitFor(By.id("production-errors"));
        assertThat(browser.pageContains("制卡机构不修改数据")).isTrue();
    }
}
