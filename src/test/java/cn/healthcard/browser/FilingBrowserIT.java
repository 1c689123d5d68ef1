package cn.healthcard.browser;

import cn.healthcard.filing.CatalogueFilter;
import cn.healthcard.filing.FilingCatalogue;
import cn.healthcard.filing.FilingFixtures;
import cn.healthcard.filing.ProductsInUse;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.FilingView;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.ManufacturerView;
import cn.healthcard.filing.ProviderType;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Product filing in a real browser (headless Chromium): the national desk enters an application with its two files,
 * a national reviewer opens it from the inbox and approves it with an opinion; the catalogue and the details show the
 * filing. Screenshots for docs/screenshots.
 */
@IntegrationTest
class FilingBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired FilingService filings;
    @Autowired FilingCatalogue catalogue;
    @Autowired ProductsInUse inUse;
    @Autowired ManufacturerService manufacturers;
    @Autowired TaskInboxService inbox;
    @Autowired UserAdministration userAdmin;
    @Autowired ApiClientAdministration clientAdmin;
    @Autowired TestUsers users;

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
    @DisplayName("FIL-01 FIL-02 a reviewer approves a filing: entered at the national desk with its files, reviewed from the inbox with an opinion, then in the catalogue")
    void reviewerApprovesAFiling() throws Exception {
        FilingFixtures.people(userAdmin, clientAdmin, users);
        ManufacturerView maker = FilingFixtures.boundManufacturer(manufacturers, users, "chipclient",
                "华芯微电子有限公司", ProviderType.CHIP_PROVIDER, ProviderType.COS_DEVELOPER);
        String model = FilingFixtures.model("UI");
        Path certificate = Files.createTempFile("certificate", ".pdf");
        Path report = Files.createTempFile("report", ".png");
        certificate.toFile().deleteOnExit();
        report.toFile().deleteOnExit();
        Files.write(certificate, FilingFixtures.PDF);
        Files.write(report, FilingFixtures.PNG);

        browser.login("natclerk", PASSWORD);
        browser.open("filings/new");
        browser.waitFor(By.id("field-model"));
        browser.select("field-manufacturerId", maker.name() + "（" + maker.creditCode() + "）");
        browser.select("field-productType", "芯片");
        browser.fillText("field-model", model);
        browser.fillText("field-productVersion", "3.0");
        browser.fillText("field-description", "双界面CPU卡芯片");
        browser.upload("filing-upload-certificate", certificate);
        browser.upload("filing-upload-report", report);
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("filing-desk.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("filing-status"));
        assertThat(browser.text(By.id("filing-status"))).isEqualTo("审核中");
        assertThat(browser.text(By.id("filing-attachments"))).contains("资质证书", "检测报告");
        browser.logout();

        String id = users.as("natclerk", () -> catalogue.query(new CatalogueFilter(null, null, model, null, null), 0,
                10)).entries().get(0).id();
        FilingView filed = users.as("natclerk", () -> filings.get(id));
        String taskId = FilingFixtures.task(inbox, users, "natsupervisor", filed.caseNo(), FilingService.REVIEW_TASK)
                .taskId();
        browser.login("natsupervisor", PASSWORD);
        browser.open("inbox"); // supervisors land on the home dashboard (issue #16)
        browser.fillText("filter-task-name", "国家中心审核");
        browser.click(By.id("inbox-search"));
        browser.waitFor(By.id("inbox-grid"));
        assertThat(browser.text(By.id("inbox-grid"))).contains("生产单位及产品备案");
        browser.open("tasks/" + taskId);
        browser.waitFor(By.id("field-decision"));
        assertThat(browser.text(By.id("field-model"))).isNotNull();
        browser.chooseRadio("field-decision", "通过（予以备案）");
        browser.fillText("field-comment", "资质证书与检测报告齐全，予以备案");
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("filing-review.png"));
        browser.click(By.id("form-submit"));
        browser.waitFor(By.id("inbox-grid"));

        FilingView approved = users.as("natsupervisor", () -> filings.get(filed.id()));
        assertThat(approved.status()).isEqualTo(FilingStatus.FILED);

        browser.open("filings");
        browser.fillText("filing-filter-model", model);
        browser.click(By.id("filing-search"));
        browser.waitUntil("the filing listed", () -> browser.text(By.id("filing-grid")).contains(approved.filingNo()));
        browser.screenshot(SCREENSHOTS.resolve("filing-catalogue.png"));
        browser.open("filings/" + approved.id());
        browser.waitFor(By.id("filing-status"));
        assertThat(browser.text(By.id("filing-status"))).isEqualTo("已备案");
        assertThat(browser.text(By.id("filing-no"))).isEqualTo(approved.filingNo());
        browser.screenshot(SCREENSHOTS.resolve("filing-detail.png"));
        // FIL-02: the national centre modifies the filed product's version
        browser.fillText("filing-modify-version", "3.1");
        browser.click(By.id("filing-modify"));
        browser.waitUntil("the new version shown", () -> browser.text(By.id("filing-model")).endsWith("/ 3.1"));
        assertThat(users.as("natsupervisor", () -> filings.get(approved.id())).productVersion()).isEqualTo("3.1");

        users.as("supervisor", () -> inUse.register(approved.filingNo(), java.time.LocalDate.of(2026, 1, 1), 800,
                "朝阳区首批"));
        browser.open("filings/in-use");
        browser.waitUntil("the counts listed", () -> browser.text(By.id("in-use-counts"))
                .contains(approved.filingNo()));
        browser.screenshot(SCREENSHOTS.resolve("filing-in-use.png"));
    }
}
