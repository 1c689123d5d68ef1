package cn.healthcard.browser;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** 电子健康卡 in a real browser: a clerk opens a holder's e-card and sees its static QR code; the screenshot. */
@IntegrationTest
class EhcBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
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
    @DisplayName("EHC-03 EHC-04 a clerk looks up a card holder in 「电子健康卡」, opens the e-card and sees its status and static QR code (which decodes to <ehcId>:1) with the PDF link; a lost card shows the e-card frozen without a code")
    void clerkOpensAndShowsTheCode() throws Exception {
        var fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, "林晓梅", CardStatus.ACTIVE);
        String residentId = users.as("clerk", () -> cards.find(cardNo)).orElseThrow().residentId();
        String idNumber = SecurityContextUsers.runAsSystem(() -> residents.details(residentId, "测试")).documentNumber();

        browser.login("auditor", PASSWORD);
        assertThat(browser.driver().findElements(By.xpath("//vaadin-side-nav-item[normalize-space(.)='电子健康卡']")))
                .as("auditors have no such menu").isEmpty();
        browser.logout();

        browser.login("clerk", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='电子健康卡']"));
        browser.fillText("ehc-card-no", cardNo);
        browser.click(By.id("ehc-lookup"));
        browser.waitFor(By.id("ehc-none"));
        browser.click(By.id("ehc-open"));
        browser.waitUntil("the e-card is shown", () -> browser.pageContains("电子健康卡ID"));
        assertThat(browser.text(By.id("ehc-status"))).isEqualTo("正常");
        assertThat(browser.text(By.id("ehc-origin"))).isEqualTo("窗口开通");
        assertThat(browser.text(By.id("ehc-name"))).isEqualTo("林*梅");
        assertThat(browser.text(By.id("ehc-card"))).isEqualTo(cardNo);
        assertThat(browser.text(By.id("ehc-document"))).startsWith("居民身份证 1101**********");
        String ehcId = browser.text(By.id("ehc-id"));
        assertThat(ehcId).matches("[0-9A-F]{64}");
        assertThat(browser.text(By.id("ehc-result"))).doesNotContain(idNumber);
        browser.waitUntil("the QR image is loaded", () -> Boolean.TRUE.equals(browser.driver().executeScript(
                "const i = document.getElementById('ehc-qr'); return i.complete && i.naturalWidth > 0")));
        assertThat(decodeShownCode()).isEqualTo(ehcId + ":1");
        assertThat(browser.driver().findElement(By.id("ehc-qr-pdf")).getAttribute("href")).isNotBlank();
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("ehc-qr.png"));

        // by document, after the card was reported lost: frozen, no code
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, CardAction.REPORT_LOSS,
                CardChange.because("测试：挂失")));
        browser.select("ehc-mode", "按证件");
        browser.fillText("ehc-document-number", idNumber);
        browser.click(By.id("ehc-lookup"));
        browser.waitUntil("frozen", () -> browser.text(By.id("ehc-status")).equals("冻结"));
        assertThat(browser.text(By.id("ehc-qr-unavailable"))).contains("已冻结");
        assertThat(browser.driver().findElements(By.id("ehc-qr"))).isEmpty();
    }

    /** The image on the screen, read back through a canvas and decoded with zxing. */
    private String decodeShownCode() throws Exception {
        String dataUrl = (String) browser.driver().executeScript("const i = document.getElementById('ehc-qr');"
                + "const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;"
                + "c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL('image/png');");
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        // the image is a generated code, not a photo: read its modules directly (PURE_BARCODE); the finder-pattern
        // search of a camera scan missed the code for some e-card IDs
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                        com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
