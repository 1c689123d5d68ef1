package cn.healthcard.browser;

import cn.healthcard.card.CardService;
import cn.healthcard.common.Masking;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident-data conflict case in a real browser (headless Chromium): a Xuhui clerk's application for a Chaoyang
 * resident is refused as a conflict, the clerk files 「提交档案核实申请」 from the application screen, a Chaoyang
 * supervisor compares record and filing in the task view and approves. Screenshots for docs/screenshots.
 */
@IntegrationTest
class ResidentConflictBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired CardApplicationService applications;
    @Autowired ResidentService residents;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

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
    @DisplayName("ORG-05 APP-04 APP-01 SEC-02 a clerk of another region files the conflict from the application screen; the record's supervisor compares and approves in the task view")
    void fileAndApproveInTheBrowser() throws Exception {
        CardApplicationScenarios scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        ResidentData person = TestResidents.newResident("欧阳建");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);
        Path photo = Files.createTempFile("photo", ".png");
        photo.toFile().deleteOnExit();
        Files.write(photo, TestResidents.photo());

        browser.login("shclerk", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='申领登记']"));
        browser.waitFor(By.id("field-name"));
        browser.select("field-documentType", "居民身份证");
        browser.fillText("field-documentNumber", person.documentNumber());
        browser.fillText("field-name", "欧阳健");
        browser.select("field-sex", "男性");
        browser.select("field-ethnicity", "汉族");
        browser.fillDate("field-birthDate", person.birthDate());
        browser.fillText("field-phone", "13812345678");
        browser.fillText("field-address", "上海市徐汇区漕溪北路1号");
        browser.select("field-bloodTypeAbo", "O型");
        browser.select("field-bloodTypeRh", "阳性");
        browser.upload("field-photo", photo);
        browser.click(By.id("form-submit"));

        By dialogSubmit = By.xpath("//vaadin-dialog-overlay//vaadin-button[@id='form-submit']");
        browser.waitFor(By.id("field-reason"));
        assertThat(browser.pageContains("提交档案核实申请")).isTrue();
        browser.fillText("field-reason", "居民户籍迁入本区，户口簿姓名为欧阳健");
        browser.screenshot(SCREENSHOTS.resolve("resident-conflict-file.png"));
        browser.click(dialogSubmit);
        browser.waitUntil("filed notice", () -> browser.pageContains("档案核实申请已提交"));
        browser.logout();

        String masked = Masking.name("欧阳建");
        browser.login("supervisor", PASSWORD);
        browser.open("inbox"); // supervisors land on the home dashboard (issue #16)
        browser.fillText("filter-applicant", person.documentNumber());
        browser.click(By.id("inbox-search"));
        By openButtons = By.cssSelector("vaadin-button[id^='open-']");
        browser.waitUntil("only the conflict task listed", () -> browser.driver().findElements(openButtons)
                .stream().filter(WebElement::isDisplayed).count() == 1);
        assertThat(browser.text(By.id("inbox-grid"))).contains(masked, "档案核实");
        browser.driver().findElements(openButtons).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().click();
        browser.waitVaadin();

        browser.waitFor(By.id("field-decision"));
        assertThat(inputValue("field-currentName")).isEqualTo("欧阳建");
        assertThat(inputValue("field-filedName")).isEqualTo("欧阳健");
        assertThat(inputValue("field-filedBirthDate")).isEqualTo(person.birthDate().toString());
        assertThat(inputValue("field-reason")).contains("户口簿");
        assertThat(inputValue("field-documentNumberMasked")).doesNotContain(person.documentNumber());
        browser.chooseRadio("field-decision", "通过（按申请更正档案）");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("resident-conflict-review.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));

        assertThat(jdbc.queryForObject("select name_index from resident where document_index = ?", String.class,
                residents.documentIndex("01", person.documentNumber()))).isEqualTo(residents.nameIndex("欧阳健"));
    }

    private String inputValue(String id) {
        return browser.waitFor(By.cssSelector("#" + id + " input, #" + id + " textarea")).getDomProperty("value");
    }
}
