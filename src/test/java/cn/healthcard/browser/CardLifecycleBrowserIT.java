package cn.healthcard.browser;

import cn.healthcard.card.CardService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card lifecycle screens in a real browser (headless Chromium): the request forms (挂失, 补换 with its change table,
 * 解挂, 解锁, 注销), the supervisor's 业务审核, the request page with its printed form, the card's history and the
 * statistics, with screenshots for docs/screenshots. Cards are issued (and reported lost) through the services first.
 */
@IntegrationTest
class CardLifecycleBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;

    private BrowserSupport browser;
    private CardApplicationScenarios issuing;
    private CardRequestScenarios scenario;

    @BeforeEach
    void setUp() {
        issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        scenario = new CardRequestScenarios(requests, inbox, users);
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("LC-01 LC-08 BPM-02 a clerk reports a card lost in the browser and a supervisor approves it")
    void clerkReportsLossAndSupervisorApproves() throws Exception {
        String name = uniqueName("慕容");
        ResidentData holder = TestResidents.newResident(name);
        String cardNo = issuing.issue(holder).cardNo();
        String reason = "在地铁上遗失钱包，卡在钱包内";
        LocalDate lossDate = LocalDate.now().minusDays(2);

        browser.login("clerk", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[starts-with(normalize-space(.),'卡片业务')]"
                + "/vaadin-side-nav-item[normalize-space(.)='挂失']"));
        browser.waitFor(By.id("field-cardNo"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/card-requests/new/loss-report");
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("受理挂失申请");

        browser.fillText("field-cardNo", cardNo);
        browser.fillText("field-applicantPhone", "13912345678");
        browser.select("field-identityDocumentType", "居民身份证");
        browser.fillText("field-identityDocumentNumber", holder.documentNumber());
        browser.fillText("field-lossReason", reason);
        browser.fillDate("field-lossDate", lossDate);
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("request-loss-report-form.png"));

        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("request-status"));
        String requestId = browser.text(By.id("request-id"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/card-requests/" + requestId);
        assertThat(browser.text(By.id("request-status"))).isEqualTo("待审核");
        assertThat(browser.text(By.id("request-card"))).isEqualTo(cardNo);
        assertThat(browser.text(By.id("request-card-status"))).isEqualTo("正常");
        assertThat(browser.text(By.id("request-applicant"))).startsWith(masked(name));
        browser.screenshot(SCREENSHOTS.resolve("request-submitted.png"));
        savePdf(browser.waitFor(By.id("download-request-form")), SCREENSHOTS.resolve("request-loss-report-form.pdf"));
        browser.logout();

        browser.login("supervisor", PASSWORD);
        browser.open("inbox"); // supervisors land on the home dashboard (issue #16)
        browser.fillText("filter-applicant", name);
        browser.click(By.id("inbox-search"));
        browser.waitUntil("业务审核 of " + masked(name) + " in the inbox", () -> {
            String grid = browser.text(By.id("inbox-grid"));
            return grid.contains(masked(name)) && grid.contains("业务审核") && grid.contains("居民健康卡挂失");
        });
        By openButtons = By.cssSelector("vaadin-button[id^='open-']");
        browser.waitUntil("only the task of " + masked(name) + " listed", () -> browser.driver()
                .findElements(openButtons).stream().filter(WebElement::isDisplayed).count() == 1);
        browser.driver().findElements(openButtons).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow().click();
        browser.waitVaadin();

        browser.waitFor(By.id("field-decision"));
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("业务审核");
        assertThat(inputValue("field-requestTypeName")).isEqualTo("挂失");
        assertThat(inputValue("field-cardNo")).isEqualTo(cardNo);
        assertThat(inputValue("field-applicantName")).isEqualTo(masked(name));
        assertThat(inputValue("field-cardStatusName")).isEqualTo("正常");
        assertThat(inputValue("field-requestSummary")).contains("联系电话：139****5678", "挂失原因：" + reason,
                "丢失日期：" + lossDate).doesNotContain(holder.documentNumber());
        browser.screenshot(SCREENSHOTS.resolve("request-review-form.png"));
        browser.chooseRadio("field-decision", "通过");
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inbox");

        browser.waitUntil("request " + requestId + " completed", () -> {
            browser.open("card-requests/" + requestId);
            return "已办结".equals(browser.text(By.id("request-status")));
        });
        assertThat(browser.text(By.id("request-card-status"))).isEqualTo("挂失");

        browser.open("cards/" + cardNo);
        assertThat(browser.text(By.id("card-status"))).isEqualTo("挂失");
        String history = browser.text(By.id("card-history"));
        assertThat(history).contains("制卡完成", "领卡启用", "正常 → 挂失", reason, requestId,
                "受理 clerk 审核 supervisor", "BJ-110105");
        assertThat(inputValue("card-lookup")).as("the look-up field shows the card shown").isEqualTo(cardNo);
        assertThat((Boolean) browser.driver().executeScript("const t = document.querySelector('#card-history')"
                + ".shadowRoot.querySelector('#table'); return t.scrollWidth <= t.clientWidth"))
                .as("the history fits without horizontal scrolling").isTrue();
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("card-history.png"));
    }

    @Test
    @DisplayName("LC-04 BPM-02 the replacement form with its change table")
    void replacementWithChangeTable() {
        ResidentData holder = TestResidents.newResident(uniqueName("补换"));
        String cardNo = lostCard(holder);

        browser.login("clerk", PASSWORD);
        browser.open("card-requests/new/replacement?card=" + cardNo);
        browser.waitFor(By.id("field-replacementReason"));
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("受理补换申请");
        assertThat(inputValue("field-cardNo")).isEqualTo(cardNo);

        browser.fillText("field-applicantPhone", "13912345678");
        browser.fillText("field-identityDocumentNumber", holder.documentNumber());
        browser.chooseRadio("field-replacementReason", "丢失");
        browser.click(By.id("field-changes-add"));
        browser.waitFor(By.id("field-changes-row-1-item"));
        browser.select("field-changes-row-1-item", "住址");
        browser.fillText("field-changes-row-1-new", "北京市朝阳区光华路10号");
        browser.fillText("field-changes-row-1-reason", "搬家");
        tick("field-temporaryCardRequested");
        browser.fillText("field-feeAmount", "20");
        browser.fillText("field-feeReceiptNo", "PJ2024000123");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("request-replacement-form.png"));

        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("request-status"));
        String requestId = browser.text(By.id("request-id"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/card-requests/" + requestId);
        assertThat(browser.text(By.id("request-status"))).isEqualTo("待审核");
        assertThat(browser.text(By.id("request-card-status"))).isEqualTo("挂失");
        browser.screenshot(SCREENSHOTS.resolve("request-replacement-submitted.png"));
        savePdf(browser.waitFor(By.id("download-request-form")), SCREENSHOTS.resolve("request-replacement-form.pdf"));

        var stored = users.as("clerk", () -> requests.get(requestId));
        assertThat(stored.type()).isEqualTo(RequestType.REPLACEMENT);
        assertThat(stored.status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    @DisplayName("LC-07 the statistics screen")
    void statistics() {
        ResidentData holder = TestResidents.newResident(uniqueName("统计"));
        lostCard(holder);

        browser.login("supervisor", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='业务统计']"));
        browser.waitFor(By.id("statistics-grid"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/statistics/card-requests");
        browser.waitUntil("a row for 北京市朝阳区", () -> browser.text(By.id("statistics-grid")).contains("北京市朝阳区"));
        String grid = browser.text(By.id("statistics-grid"));
        assertThat(grid).contains("地区", "挂失", "解挂", "解锁", "补换", "注销", "合计");
        assertThat(browser.pageContains("办结日期自")).as("the period is of completion, not of creation").isTrue();
        browser.screenshot(SCREENSHOTS.resolve("statistics.png"));
    }

    @Test
    @DisplayName("LC-02 LC-03 LC-06 the unloss, unlock and cancellation forms")
    void otherForms() {
        ResidentData holder = TestResidents.newResident(uniqueName("其他"));
        String cardNo = issuing.issue(holder).cardNo();
        browser.login("clerk", PASSWORD);

        browser.click(By.xpath("//vaadin-side-nav-item[starts-with(normalize-space(.),'卡片业务')]"
                + "/vaadin-side-nav-item[normalize-space(.)='解挂']"));
        browser.waitFor(By.id("field-unlossReason"));
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("受理解挂申请");
        fillCommon(cardNo, holder);
        browser.fillText("field-unlossReason", "居民已找回卡片");
        tick("field-cardPresented");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("request-unloss-form.png"));

        browser.click(By.xpath("//vaadin-side-nav-item[starts-with(normalize-space(.),'卡片业务')]"
                + "/vaadin-side-nav-item[normalize-space(.)='解锁']"));
        browser.waitFor(By.id("field-lockReason"));
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("受理解锁申请");
        fillCommon(cardNo, holder);
        browser.fillDate("field-lockDate", LocalDate.now());
        browser.fillText("field-lockReason", "连续三次输错密码");
        tick("field-cardPresented");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("request-unlock-form.png"));

        browser.open("cards/" + cardNo);
        assertThat(browser.text(By.id("card-status"))).isEqualTo("正常");
        browser.click(By.id("start-cancellation"));
        browser.waitFor(By.id("field-cancellationReason"));
        assertThat(browser.text(By.tagName("h2"))).isEqualTo("受理注销申请");
        assertThat(inputValue("field-cardNo")).isEqualTo(cardNo);
        browser.fillText("field-applicantPhone", "13912345678");
        browser.fillText("field-identityDocumentNumber", holder.documentNumber());
        browser.fillText("field-cancellationReason", "持卡人移居境外");
        tick("field-cardReturned");
        assertThat(browser.pageContains("注销后卡片无法通过任何方式重新启用。")).isTrue();
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("request-cancellation-form.png"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** An issued card of the holder, reported lost through the services (approved and completed). */
    private String lostCard(ResidentData holder) {
        String cardNo = issuing.issue(holder).cardNo();
        var loss = scenario.approved(RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "钱包被盗",
                "lossDate", LocalDate.now().minusDays(1)));
        scenario.awaitStatus(loss.requestId(), RequestStatus.COMPLETED);
        return cardNo;
    }

    private void fillCommon(String cardNo, ResidentData holder) {
        browser.fillText("field-cardNo", cardNo);
        browser.fillText("field-applicantPhone", "13912345678");
        browser.fillText("field-identityDocumentNumber", holder.documentNumber());
    }

    /**
     * Ticks a {@code vaadin-checkbox} by clicking its label: a click in the middle of the element can land beside the
     * label when the checkbox has a helper text, and then does nothing.
     */
    private void tick(String id) {
        browser.click(By.cssSelector("#" + id + " > label"));
        browser.waitUntil(id + " ticked",
                () -> !browser.driver().findElements(By.cssSelector("#" + id + "[checked]")).isEmpty());
    }

    /** The value of the {@code <input>} or {@code <textarea>} inside a Vaadin field. */
    private String inputValue(String id) {
        return browser.waitFor(By.cssSelector("#" + id + " input, #" + id + " textarea")).getDomProperty("value");
    }

    /** Fetches the link's PDF with the browser's session, checks it is a PDF and saves it. */
    private void savePdf(WebElement link, Path file) {
        String href = link.getDomProperty("href");
        assertThat(href).isNotBlank();
        String cookies = browser.driver().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/pdf"));
            assertThat(new String(response.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo("%PDF-");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A four-character name, unlikely to be used by any other test of the run. */
    private static String uniqueName(String surname) {
        String given = "浏览晓明东岚";
        var random = ThreadLocalRandom.current();
        return surname + given.charAt(random.nextInt(given.length())) + given.charAt(random.nextInt(given.length()));
    }

    /** The name as the application masks it: first and last character, {@code **} between. */
    private static String masked(String name) {
        return name.charAt(0) + "**" + name.charAt(name.length() - 1);
    }
}
