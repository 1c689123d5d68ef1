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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 「密钥管理」 in a real browser: the key list (labels, levels, regions, versions, states, check values — no key
 * material), a key ceremony started by one key administrator, refused to her own co-signature, co-signed by a second
 * from his inbox and completed; an auditor looks without acting, a clerk has no such menu.
 */
@IntegrationTest
class KeysBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";
    private static final By MENU = By.xpath("//vaadin-side-nav-item[normalize-space(.)='密钥管理']");
    /** 32 hex digits in a row: what a 128-bit key would look like on a page. */
    private static final Pattern KEY_LIKE = Pattern.compile("[0-9A-Fa-f]{32}");

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

    private String inputValue(String id) {
        return browser.waitFor(By.cssSelector("#" + id + " input, #" + id + " textarea")).getAttribute("value");
    }

    private void openCoSignTask() {
        openTask("复核密钥仪式");
    }

    private void openTask(String name) {
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='任务收件箱']"));
        browser.fillText("filter-task-name", name);
        browser.click(By.id("inbox-search"));
        By openButtons = By.cssSelector("vaadin-button[id^='open-']");
        browser.waitUntil("one task " + name + " listed", () -> browser.driver().findElements(openButtons).stream()
                .filter(WebElement::isDisplayed).count() == 1);
        browser.driver().findElements(openButtons).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow()
                .click();
        browser.waitVaadin();
        browser.waitFor(By.id("task-form"));
    }

    private void assertNoKeyMaterialOnThePage() {
        String page = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(KEY_LIKE.matcher(page).find()).as("no 32-hex-digit value on the page").isFalse();
        assertThat(page).doesNotContain("HCWK1", "HCKC1");
    }

    @Test
    @DisplayName("KEY-01 KEY-02 KEY-03 BPM-02 the key screens: the hierarchy with check values and no key material; a ceremony started by one key administrator, refused to her own co-signature, co-signed by another from his inbox")
    void keyAdministratorsRunACeremony() {
        browser.login("clerk", PASSWORD);
        assertThat(browser.driver().findElements(MENU)).isEmpty();
        browser.logout();

        browser.login("keyadmin", PASSWORD);
        browser.click(MENU);
        browser.waitFor(By.id("keys-grid"));
        browser.waitUntil("the demo hierarchy listed", () -> browser.text(By.id("keys-grid"))
                .contains("hc.app-data-read.110100"));
        String grid = browser.text(By.id("keys-grid"));
        assertThat(grid).contains("hc.app-data-read.root", "hc.app-data-read.110000", "hc.app-data-read.310000",
                "一级", "二级", "三级", "北京市市辖区（110100）", "在用", "冯密管 / 褚密管");
        assertNoKeyMaterialOnThePage();

        browser.click(By.id("start-ceremony"));
        browser.waitFor(By.id("field-operation"));
        browser.chooseRadio("field-operation", "生成");
        browser.select("field-purpose", "应用数据读取密钥");
        browser.chooseRadio("field-level", "二级（省级根密钥）");
        browser.fillText("field-regionCode", "440000");
        browser.fillText("field-reason", "广东省接入居民健康卡密钥体系");
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-status"));
        assertThat(browser.text(By.id("ceremony-status"))).isEqualTo("待复核");
        assertThat(browser.text(By.id("ceremony-key"))).isEqualTo("hc.app-data-read.440000");
        String ceremonyUrl = browser.driver().getCurrentUrl();

        openCoSignTask();
        browser.chooseRadio("field-decision", "同意执行");
        browser.click(By.id("form-submit"));
        browser.waitUntil("the two-person rule refuses the initiator", () -> browser.pageContains("双人控制"));
        browser.logout();

        browser.login("keyadmin2", PASSWORD);
        openCoSignTask();
        assertThat(inputValue("field-keySummary")).contains("hc.app-data-read.440000", "二级（省级根密钥）",
                "广东省（440000）");
        assertThat(inputValue("field-initiatedBy")).isEqualTo("冯密管（keyadmin）");
        assertThat(inputValue("field-reason")).isEqualTo("广东省接入居民健康卡密钥体系");
        browser.chooseRadio("field-decision", "同意执行");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("key-ceremony.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-outcome"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(ceremonyUrl);
        assertThat(browser.text(By.id("ceremony-status"))).isEqualTo("已完成");
        assertThat(browser.text(By.id("ceremony-outcome"))).contains("已生成 hc.app-data-read.440000 v1",
                "由 hc.app-data-read.root v1 派生", "44FFFFFFFFFF0001");
        assertThat(browser.text(By.id("ceremony-cosigned"))).startsWith("褚密管");
        assertNoKeyMaterialOnThePage();

        browser.open("keys");
        browser.waitUntil("the new key listed", () -> browser.text(By.id("keys-grid"))
                .contains("hc.app-data-read.440000"));
        assertNoKeyMaterialOnThePage();
        browser.screenshot(SCREENSHOTS.resolve("keys-list.png"));
        browser.logout();

        browser.login("auditor", PASSWORD);
        browser.click(MENU);
        browser.waitUntil("Beijing's keys listed", () -> browser.text(By.id("keys-grid"))
                .contains("hc.app-data-read.110000"));
        assertThat(browser.text(By.id("keys-grid"))).doesNotContain("hc.app-data-read.440000");
        assertThat(browser.driver().findElements(By.id("start-ceremony"))).isEmpty();
        assertNoKeyMaterialOnThePage();
    }

    @Test
    @DisplayName("KEY-02 KEY-03 BPM-02 a backup in the browser: each custodian takes their component from their own inbox under a secret typed twice; the screens show components by number and check value only")
    void custodiansTakeTheirComponents() {
        browser.login("keyadmin", PASSWORD);
        browser.open("keys/ceremonies/new");
        browser.waitFor(By.id("field-operation"));
        browser.chooseRadio("field-operation", "备份");
        browser.select("field-purpose", "应用数据读取密钥");
        browser.chooseRadio("field-level", "二级（省级根密钥）");
        browser.fillText("field-regionCode", "310000");
        browser.select("field-custodian1", "冯密管（keyadmin）");
        browser.select("field-custodian2", "褚密管（keyadmin2）");
        browser.fillText("field-reason", "上海市二级密钥年度备份");
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-status"));
        assertThat(browser.text(By.id("ceremony-key"))).isEqualTo("hc.app-data-read.310000 v1");
        browser.logout();

        browser.login("keyadmin2", PASSWORD);
        openCoSignTask();
        assertThat(inputValue("field-keySummary")).contains("保管人：冯密管、褚密管");
        browser.chooseRadio("field-decision", "同意执行");
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-components"));
        assertThat(browser.text(By.id("ceremony-status"))).isEqualTo("待保管人办理");
        assertThat(browser.text(By.id("ceremony-components"))).contains("1/2", "2/2", "待接收");

        openTask("接收密钥分量");
        assertThat(inputValue("field-componentSummary")).startsWith("第 2/2 号分量，分量校验值 ");
        browser.fillText("field-secret", "shanghai-custody-2");
        browser.fillText("field-secretRepeat", "shanghai-custody-X");
        browser.click(By.id("form-submit"));
        browser.waitUntil("the repeat is refused", () -> browser.pageContains("两次输入的「分量口令」不一致"));
        browser.fillText("field-secret", "shanghai-custody-2");
        browser.fillText("field-secretRepeat", "shanghai-custody-2");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("key-custody.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-components"));
        browser.waitUntil("component 2 held", () -> browser.text(By.id("ceremony-components")).contains("保管中"));
        assertNoKeyMaterialOnThePage();
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("shanghai-custody");
        browser.logout();

        browser.login("keyadmin", PASSWORD);
        openTask("接收密钥分量");
        browser.fillText("field-secret", "shanghai-custody-1");
        browser.fillText("field-secretRepeat", "shanghai-custody-1");
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("ceremony-outcome"));
        browser.waitUntil("the backup completed", () -> browser.text(By.id("ceremony-status")).equals("已完成"));
        assertThat(browser.text(By.id("ceremony-outcome"))).contains("2 个分量均已由保管人接收");
        assertNoKeyMaterialOnThePage();
    }
}
