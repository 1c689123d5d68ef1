package cn.healthcard.browser;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** 卡片状态查询 in a real browser: filters, counts, the paged grid; the screenshot for docs/screenshots. */
@IntegrationTest
class CardStatusSearchBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";
    private static final String REGION = "110107";

    @LocalServerPort
    int port;

    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
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
    @DisplayName("APP-13 SEC-02 an auditor searches card status by region and status in the browser and sees counts per status and masked holders; a clerk has no such menu")
    void auditorSearches() {
        var fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String inst = fixtures.institution("IT-110107", "北京市石景山区居民健康卡服务中心", REGION);
        fixtures.card(REGION, inst, "杨晓红", CardStatus.READY);
        fixtures.card(REGION, inst, "朱大伟", CardStatus.ACTIVE);
        fixtures.card(REGION, inst, "秦文", CardStatus.ACTIVE);
        fixtures.card(REGION, inst, "许志强", CardStatus.ACTIVE);
        String lost = fixtures.card(REGION, inst, "何静", CardStatus.REPORTED_LOST);
        fixtures.card(REGION, inst, "吕建华", CardStatus.PIN_LOCKED);
        fixtures.card(REGION, inst, "施慧", CardStatus.CANCELLED);

        browser.login("clerk", PASSWORD);
        assertThat(browser.driver().findElements(By.xpath("//vaadin-side-nav-item[normalize-space(.)='卡片状态查询']")))
                .isEmpty();
        browser.logout();

        browser.login("auditor", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='卡片状态查询']"));
        browser.waitFor(By.id("cardstatus-grid"));
        browser.waitFor(By.id("cardstatus-total"));

        chooseInComboBox("cardstatus-region", REGION, "北京市石景山区 " + REGION);
        browser.click(By.id("cardstatus-search"));
        browser.waitUntil("7 cards counted in 石景山区", () -> browser.text(By.id("cardstatus-total")).equals("合计 7 张"));
        assertThat(browser.text(By.id("cardstatus-count-ACTIVE"))).isEqualTo("正常 3");
        assertThat(browser.text(By.id("cardstatus-count-READY"))).isEqualTo("待领取 1");
        assertThat(browser.text(By.id("cardstatus-count-REPORTED_LOST"))).isEqualTo("挂失 1");
        assertThat(browser.text(By.id("cardstatus-count-PIN_LOCKED"))).isEqualTo("密码锁定 1");
        assertThat(browser.text(By.id("cardstatus-count-REPLACED"))).isEqualTo("已换卡注销 0");
        assertThat(browser.text(By.id("cardstatus-count-CANCELLED"))).isEqualTo("已注销 1");
        browser.waitUntil("the grid lists the holders masked", () -> {
            String grid = browser.text(By.id("cardstatus-grid"));
            return grid.contains("杨*红") && grid.contains("许*强") && grid.contains("北京市石景山区");
        });
        assertThat(browser.text(By.id("cardstatus-grid"))).doesNotContain("杨晓红").contains("密码锁定");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("card-status-search.png"));

        // only the troubled cards: the counts follow the filter
        chooseInComboBox("cardstatus-status", "挂失", "挂失");
        chooseInComboBox("cardstatus-status", "密码", "密码锁定");
        browser.click(By.id("cardstatus-search"));
        browser.waitUntil("2 troubled cards", () -> browser.text(By.id("cardstatus-total")).equals("合计 2 张"));
        assertThat(browser.driver().findElements(By.id("cardstatus-count-ACTIVE"))).isEmpty();

        // a period that ends before it starts is refused on the field
        browser.fillDate("cardstatus-from", LocalDate.of(2025, 3, 2));
        browser.fillDate("cardstatus-to", LocalDate.of(2025, 3, 1));
        browser.click(By.id("cardstatus-search"));
        browser.waitUntil("error on 至", () -> browser.pageContains("「截止日期」不能早于「起始日期」"));

        // the card number opens the card's history (卡片查询)
        browser.click(By.id("cardstatus-card-" + lost));
        browser.waitUntil("history of the lost card", () -> browser.text(By.id("card-history")).contains("挂失"));
    }

    /** Types into a Vaadin combo box (single or multi-select) and picks the item with the given label. */
    private void chooseInComboBox(String id, String typed, String label) {
        WebElement input = browser.waitFor(By.cssSelector("#" + id + " input"));
        input.click();
        input.sendKeys(typed);
        browser.waitVaadin();
        By item = By.xpath("//vaadin-combo-box-item[normalize-space(.)='" + label + "']"
                + " | //vaadin-multi-select-combo-box-item[normalize-space(.)='" + label + "']");
        browser.waitUntil(label + " offered", () -> browser.driver().findElements(item).stream()
                .anyMatch(WebElement::isDisplayed));
        browser.driver().findElements(item).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        browser.waitVaadin();
        // a multi-select keeps its overlay open; Escape would clear the value of a field with a clear button
        browser.driver().executeScript("document.getElementById(arguments[0]).opened = false", id);
        browser.waitVaadin();
    }
}
