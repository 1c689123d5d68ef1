package cn.healthcard.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import cn.healthcard.card.CardService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The card application happy path in a real browser (headless Chromium), with screenshots for docs/screenshots. */
@IntegrationTest
class CardApplicationBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;

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
    @DisplayName("SEC-01 Camunda Cockpit sits behind the application's login and opens for an admin without a second login")
    void cockpitBehindTheSameLogin() {
        browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
        browser.waitFor(By.cssSelector("input[name=username]"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");

        browser.driver().findElement(By.cssSelector("input[name=username]")).sendKeys("admin");
        browser.driver().findElement(By.cssSelector("input[name=password]")).sendKeys(PASSWORD, Keys.ENTER);
        browser.waitUntil("back at Cockpit after signing in",
                () -> browser.driver().getCurrentUrl().contains("/camunda/app/cockpit/"));
        browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/processes");
        // Cockpit's AngularJS pages load slowly on a busy two-core CI machine
        browser.waitUntil("Cockpit lists the card-application process", java.time.Duration.ofSeconds(90),
                () -> browser.driver().getPageSource().contains("card-application")
                        || browser.driver().getPageSource().contains("居民健康卡申领"));
        assertThat(browser.driver().findElements(By.cssSelector("form[name=signinForm]"))).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("cockpit-admin.png"));
    }

    @Test
    @DisplayName("APP-01 APP-07 BPM-02 a clerk submits an application in the browser and a supervisor approves it")
    void clerkSubmitsAndSupervisorApproves() throws IOException {
        LocalDate birthDate = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(40 * 365));
        boolean male = ThreadLocalRandom.current().nextBoolean();
        String idNumber = idNumber("110105", birthDate, male);
        String name = "欧阳晓岚";

        browser.open("login");
        browser.screenshot(SCREENSHOTS.resolve("login.png"));
        browser.login("clerk", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='申领登记']"));
        browser.waitFor(By.id("field-name"));

        browser.click(By.id("form-submit"));
        browser.waitUntil("required message for 姓名", () -> browser.pageContains("请填写「姓名」"));
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("application-form-errors.png"));

        browser.select("field-documentType", "居民身份证");
        browser.fillText("field-documentNumber", idNumber);
        browser.fillText("field-name", name);
        browser.select("field-sex", male ? "男性" : "女性");
        browser.select("field-ethnicity", "汉族");
        browser.fillDate("field-birthDate", birthDate);
        browser.fillText("field-phone", "13812345678");
        browser.fillText("field-address", "北京市朝阳区建国路88号");
        browser.select("field-bloodTypeAbo", "AB型");
        browser.select("field-bloodTypeRh", "阳性");
        browser.fillText("field-medicalAlerts", "青霉素过敏");
        browser.upload("field-photo", photo());
        assertThat(browser.pageContains("请填写「姓名」")).as("error cleared once 姓名 is filled").isFalse();
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("application-form.png"));

        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("app-status"));
        String applicationId = browser.text(By.id("app-id"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/applications/" + applicationId);
        assertThat(browser.text(By.id("app-status"))).isEqualTo("待审核");
        assertThat(browser.text(By.id("app-applicant"))).isEqualTo("欧**岚");
        browser.screenshot(SCREENSHOTS.resolve("application-submitted.png"));
        browser.logout();

        browser.login("supervisor", PASSWORD);
        browser.open("inbox"); // supervisors land on the home dashboard (issue #16)
        browser.waitUntil("task of 欧**岚 in the inbox",
                () -> browser.text(By.id("inbox-grid")).contains("欧**岚"));
        browser.screenshot(SCREENSHOTS.resolve("inbox-supervisor.png"));
        browser.fillText("filter-applicant", name);
        browser.click(By.id("inbox-search"));
        By openButtons = By.cssSelector("vaadin-button[id^='open-']");
        browser.waitUntil("only the task of 欧**岚 listed", () -> browser.driver().findElements(openButtons)
                .stream().filter(WebElement::isDisplayed).count() == 1);
        browser.driver().findElements(openButtons).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().click();
        browser.waitVaadin();

        browser.waitFor(By.id("field-decision"));
        assertThat(browser.pageContains("申领审核")).isTrue();
        browser.chooseRadio("field-decision", "通过");
        browser.screenshot(SCREENSHOTS.resolve("review-form.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inbox");

        browser.open("applications/" + applicationId);
        assertThat(browser.text(By.id("app-status"))).isIn("制卡中", "待领卡");
    }

    @Test
    @DisplayName("APP-07 APP-02 a sent-back application is withdrawn by the clerk in the browser: reason required, status 已撤回, no task left")
    void clerkWithdrawsASentBackApplication() {
        var scenarios = new CardApplicationScenarios(applications, inbox, cards, users);
        String applicationId = scenarios.submit("clerk", TestResidents.newResident("撤回测试")).applicationId();
        scenarios.review("supervisor", applicationId, Review.Outcome.SEND_BACK, "照片不清晰，请重新拍摄");
        TaskRef revise = scenarios.task("clerk", applicationId, CardApplicationService.REVISE_TASK);

        browser.open("login");
        browser.login("clerk", PASSWORD);
        browser.open("tasks/" + revise.taskId());
        browser.waitFor(By.id("form-withdraw"));
        assertThat(browser.driver().findElement(By.id("field-reviewComment")).getDomProperty("value"))
                .as("the supervisor's reason is shown").contains("照片不清晰");
        browser.click(By.id("form-withdraw"));
        browser.waitUntil("the withdrawal asks for its reason", () -> browser.pageContains("撤回时请填写「撤回原因」"));
        browser.fillText("field-withdrawReason", "申请人决定暂不办理");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("application-withdraw.png"));
        browser.click(By.id("form-withdraw"));
        browser.waitFor(By.id("inbox-grid"));

        browser.open("applications/" + applicationId);
        browser.waitFor(By.id("app-status"));
        assertThat(browser.text(By.id("app-status"))).isEqualTo("已撤回");
        assertThat(users.as("clerk", () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                .anyMatch(t -> applicationId.equals(t.businessKey()))).as("no open task of the case").isFalse();
    }

    /** A valid GB 11643 citizen identity number; an odd sequence number is male. */
    static String idNumber(String region, LocalDate birthDate, boolean male) {
        int sequence = ThreadLocalRandom.current().nextInt(0, 500) * 2 + (male ? 1 : 0);
        String body = region + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A 358×441 PNG portrait: a grey figure on a light blue background. */
    private static Path photo() throws IOException {
        var image = new BufferedImage(358, 441, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0xDCEBF7));
        g.fillRect(0, 0, 358, 441);
        g.setColor(new Color(0x6B7B8C));
        g.fillOval(119, 80, 120, 150);
        g.fillRoundRect(59, 250, 240, 220, 120, 120);
        g.dispose();
        Path file = Files.createTempFile("photo", ".png");
        file.toFile().deleteOnExit();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

}
