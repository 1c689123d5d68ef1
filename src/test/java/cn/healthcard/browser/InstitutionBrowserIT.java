package cn.healthcard.browser;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.PageQuery;
import cn.healthcard.institution.CreditCode;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 「机构管理」 in a real browser (ORG-01…05, INT-01): a city centre's admin sees only her region's institutions and
 * registers one, the server's message landing on the field; an import with a bad row shows the per-row report and
 * writes nothing.
 */
@IntegrationTest
class InstitutionBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
            .toUpperCase();

    @LocalServerPort
    int port;

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;

    private BrowserSupport browser;
    private String cityCentre;

    @BeforeEach
    void setUp() {
        users.run("admin", () -> {
            centre("440000", "广东省居民健康卡注册管理中心");
            cityCentre = centre("440100", "广州市居民健康卡注册管理中心");
        });
        users.run("admin", () -> userAdministration.createIfAbsent("gzadmin", PASSWORD, "广州管理员", cityCentre,
                Set.of(Role.ADMIN), false, true));
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("ORG-05 ORG-01 ORG-02: a city admin sees only her region's institutions in 「机构管理」 (not the province above nor the city beside), registers a hospital with the server's message on the wrong field first, opens its page, meets a version conflict when another admin changed it meanwhile, and cancels it with a reason and a confirmation")
    void cityAdminSeesHerRegionAndRegisters() {
        String inTianhe = code("TH");
        String inShenzhen = code("SZ");
        users.run("admin", () -> {
            institutions.register(medical(inTianhe, "440106", "天河区示例医院" + RUN));
            institutions.register(medical(inShenzhen, "440304", "福田区示例医院" + RUN));
        });
        String provinceCentre = users.as("admin", () -> centre("440000", "广东省居民健康卡注册管理中心"));

        browser.login("gzadmin", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='机构管理']"));
        browser.waitFor(By.id("inst-grid"));
        assertThat(browser.text(By.id("inst-scope"))).contains("440100");
        browser.fillText("inst-q-name", RUN);
        browser.click(By.id("inst-search"));
        browser.waitUntil("the Tianhe hospital is listed", () -> browser.text(By.id("inst-grid")).contains(inTianhe));
        assertThat(browser.text(By.id("inst-grid"))).doesNotContain(inShenzhen);
        assertThat(browser.text(By.id("inst-summary"))).isEqualTo("共 1 个机构");
        browser.click(By.id("inst-reset"));
        browser.waitUntil("the city centre is listed", () -> browser.text(By.id("inst-grid")).contains(cityCentre));
        assertThat(browser.text(By.id("inst-grid"))).as("nothing above or beside (ORG-05)")
                .doesNotContain(inShenzhen).doesNotContain(provinceCentre);
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("institutions.png"));

        browser.open("institutions/" + inShenzhen);
        browser.waitFor(By.id("inst-not-found"));

        browser.open("institutions");
        browser.click(By.id("inst-register"));
        String code = code("NEW");
        String name = "天河区新登记医院" + RUN;
        browser.fillText("inst-code", code);
        browser.fillText("inst-name", name);
        pickRegion("440106");
        browser.fillText("inst-contact", "黄联系");
        browser.fillText("inst-phone", "020-38000000");
        browser.fillText("inst-head", "林院长");
        browser.fillText("inst-address", "广州市天河区示例大道8号");
        browser.fillText("inst-medical-code", "PDY" + RUN + "8");
        browser.select("inst-nature", "公立");
        browser.select("inst-category", "综合医院");
        String credit = creditCode("440106");
        String wrongCheck = credit.substring(0, 17) + (credit.charAt(17) == '1' ? '2' : '1');
        browser.fillText("inst-credit-code", wrongCheck);
        browser.click(By.id("inst-save"));
        browser.waitUntil("the credit code is marked invalid", () -> browser.driver()
                .findElement(By.id("inst-credit-code")).getAttribute("invalid") != null);
        String message = browser.text(By.cssSelector("#inst-credit-code [slot=error-message]"));
        assertThat(message).contains("统一社会信用代码");
        browser.screenshot(SCREENSHOTS.resolve("institution-register-errors.png"));
        assertThatThrownBy(() -> users.as("gzadmin", () -> institutions.details(code)))
                .isInstanceOf(NotFoundException.class);

        browser.fillText("inst-credit-code", credit);
        browser.click(By.id("inst-save"));
        browser.waitFor(By.id("inst-details-name"));
        assertThat(browser.text(By.id("inst-details-name"))).isEqualTo(name);
        assertThat(browser.text(By.id("inst-v-superiorCode"))).contains(cityCentre);
        assertThat(browser.text(By.id("inst-sam"))).contains("SAM卡");
        InstitutionDetails saved = users.as("gzadmin", () -> institutions.details(code));
        assertThat(saved.region().value()).isEqualTo("440106");
        assertThat(saved.creditCode()).isEqualTo(credit);
        assertThat(saved.status()).isEqualTo(InstitutionStatus.ACTIVE);
        browser.screenshot(SCREENSHOTS.resolve("institution-details.png"));

        // ORG-01: a change made meanwhile by another admin is a clear conflict, not a silent overwrite
        browser.click(By.id("inst-modify"));
        browser.waitFor(By.id("inst-save"));
        InstitutionForm current = InstitutionForm.of(saved);
        users.run("gzadmin", () -> institutions.modify(code, saved.version(), new InstitutionForm(current.code(),
                name + "（改）", current.kind(), current.regionCode(), current.superiorCode(), current.contact(),
                current.phone(), current.address(), current.head(), current.nature(), current.category(),
                current.creditCode(), current.medicalCode())));
        browser.fillText("inst-contact", "黄新联系");
        browser.click(By.id("inst-save"));
        browser.waitUntil("the conflict is shown", () -> browser.text(By.id("inst-conflict"))
                .contains("该机构已被他人修改"));
        assertThat(users.as("gzadmin", () -> institutions.details(code)).contact()).isEqualTo("黄联系");
        browser.click(By.id("inst-dialog-close"));

        // ORG-01: cancel needs a reason and a confirmation; the page then shows the status, time and reason
        browser.open("institutions/" + code);
        browser.click(By.id("inst-cancel"));
        browser.click(By.id("inst-cancel-go"));
        browser.waitUntil("the reason is required", () -> browser.driver().findElement(By.id("inst-cancel-reason"))
                .getAttribute("invalid") != null);
        browser.fillText("inst-cancel-reason", "机构撤并，业务并入天河区示例医院");
        browser.click(By.id("inst-cancel-go"));
        browser.click(By.id("inst-cancel-confirm"));
        browser.waitUntil("cancelled", () -> browser.text(By.id("inst-details-status")).equals("已注销"));
        assertThat(browser.text(By.id("inst-details-state"))).contains("已注销", "机构撤并，业务并入天河区示例医院");
        assertThat(browser.driver().findElements(By.id("inst-modify"))).as("a cancelled institution is not edited")
                .isEmpty();
        assertThat(users.as("gzadmin", () -> institutions.details(code)).status())
                .isEqualTo(InstitutionStatus.CANCELLED);
    }

    @Test
    @DisplayName("INT-01 ORG-05: an import of a small file with a bad row and a row outside the admin's region shows the per-row report, with progress, and writes nothing")
    void importWithBadRowShowsReport() throws IOException {
        String good = code("IMP");
        String badCredit = code("IMP");
        String outside = code("IMP");
        Path file = Files.createTempFile("institution-import", ".csv");
        String csv = "\uFEFF机构代码,机构名称,机构类型,行政区划代码,上级注册管理中心代码,联系人,联系电话,地址,负责人,机构性质,"
                + "机构类别,统一社会信用代码,医疗机构登记号\n"
                + good + ",越秀区导入医院" + RUN + ",医疗卫生机构,440104,,陈联系,020-83000000,越秀路1号,何院长,公立,综合医院,"
                + creditCode("440104") + ",PDY" + RUN + "1\n"
                + badCredit + ",海珠区导入医院" + RUN + ",医疗卫生机构,440105,,陈联系,020-84000000,海珠路2号,何院长,民营,专科医院,"
                + "12440105ABC,PDY" + RUN + "2\n"
                + outside + ",福田区导入医院" + RUN + ",医疗卫生机构,440304,,陈联系,0755-83000000,福田路3号,何院长,公立,综合医院,"
                + creditCode("440304") + ",PDY" + RUN + "3\n";
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        browser.login("gzadmin", PASSWORD);
        browser.open("institutions");
        browser.click(By.id("inst-import-link"));
        browser.waitFor(By.id("inst-import-template"));
        assertThat(browser.driver().findElement(By.id("inst-import-template")).getDomProperty("href")).isNotBlank();
        browser.upload("inst-import", file);
        browser.waitUntil("the report is shown", () -> browser.text(By.id("inst-import-summary")).contains("未导入"));
        assertThat(browser.text(By.id("inst-import-summary"))).contains("共 3 行", "接受 1 行", "拒绝 2 行");
        String report = browser.text(By.id("inst-import-report"));
        assertThat(report).contains(badCredit, "统一社会信用代码", outside).doesNotContain(good);
        browser.click(By.id("inst-import-problems"));
        browser.waitUntil("every row shown", () -> browser.text(By.id("inst-import-report")).contains(good));
        assertThat(browser.driver().findElement(By.id("inst-import-download")).getDomProperty("href")).isNotBlank();
        browser.screenshot(SCREENSHOTS.resolve("institution-import.png"));

        for (String code : new String[]{good, badCredit, outside}) {
            assertThatThrownBy(() -> users.as("admin", () -> institutions.details(code)))
                    .as("nothing half-imported: %s", code).isInstanceOf(NotFoundException.class);
        }
        Files.deleteIfExists(file);
    }

    /** Types the code into the region combo box and takes the matching item. */
    private void pickRegion(String regionCode) {
        WebElement input = browser.waitFor(By.cssSelector("#inst-region input"));
        input.clear();
        input.sendKeys(regionCode);
        browser.waitUntil("the region is offered", () -> !browser.driver().findElements(By.xpath(
                "//vaadin-combo-box-item[starts-with(normalize-space(.),'" + regionCode + "')]")).isEmpty());
        browser.click(By.xpath("//vaadin-combo-box-item[starts-with(normalize-space(.),'" + regionCode + "')]"));
        browser.waitUntil("the region list closed", () -> browser.driver()
                .findElements(By.cssSelector("vaadin-combo-box-overlay[opened]")).isEmpty());
        browser.waitUntil("the region is chosen", () -> browser.driver().findElement(By.cssSelector("#inst-region input"))
                .getDomProperty("value").startsWith(regionCode));
    }

    /** The active registration centre of exactly this region, registered if there is none (the ITs share a database). */
    private String centre(String region, String name) {
        return institutions.search(new InstitutionQuery(null, InstitutionKind.REGISTRATION_CENTRE, null, region, null,
                        null, null, null, InstitutionStatus.ACTIVE), new PageQuery(0, 500)).items().stream()
                .filter(d -> d.region().value().equals(region)).map(InstitutionDetails::code).findFirst()
                .orElseGet(() -> institutions.register(new InstitutionForm(code("C" + region), name,
                        InstitutionKind.REGISTRATION_CENTRE, region, null, "赵主任", "020-12345678", "广州市示例路1号",
                        "钱主任", null, null, null, null)).code());
    }

    private static InstitutionForm medical(String code, String region, String name) {
        return new InstitutionForm(code, name, InstitutionKind.MEDICAL, region, null, "张联系", "020-12345678",
                "示例路1号", "李院长", MedicalNature.PUBLIC, MedicalCategory.GENERAL_HOSPITAL, creditCode(region),
                "PDY" + code.replaceAll("[^A-Za-z0-9]", ""));
    }

    private static String creditCode(String region) {
        String first17 = "12" + region + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static String code(String prefix) {
        return "B" + prefix + "-" + RUN + "-" + ThreadLocalRandom.current().nextInt(100_000);
    }
}
