package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.institution.InstitutionService;
import cn.healthcard.logistics.LogisticsFixtures;
import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.logistics.ShipmentKind;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.StockService;
import cn.healthcard.logistics.StockStatus;
import cn.healthcard.production.BatchSealed;
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

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * 仓库管理 and 物流跟踪 in a real browser (headless Chromium): the centre's keeper finds a received batch in stock,
 * takes it out of the warehouse to the desk, dispatches the new shipment from its task form and follows it on the
 * tracking screen. Screenshots for docs/screenshots.
 */
@IntegrationTest
class LogisticsBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));

    @LocalServerPort
    int port;

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration accounts;
    @Autowired ReceiverService receivers;
    @Autowired TestUsers users;
    @Autowired cn.healthcard.logistics.internal.ProductionEvents productionEvents;
    @Autowired ShipmentService shipments;
    @Autowired StockService stock;
    @Autowired TaskInboxService inbox;

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
    @DisplayName("APP-09 APP-11 the centre's keeper finds a received batch in stock, takes it out to the desk on 仓库管理, dispatches it from the task form and follows it on 物流跟踪")
    void keeperTakesABatchOutToTheDesk() {
        LogisticsFixtures world = new LogisticsFixtures(institutions, accounts, receivers, users,
                LogisticsFixtures.logisticsOnly(productionEvents)).world();
        BatchSealed batch = world.sealBatch(2, 5);
        world.receiveAtCentre(shipments, inbox, batch);
        String firstCard = batch.boxes().get(0).cardNos().get(0);

        browser.login(LogisticsFixtures.KEEPER, LogisticsFixtures.SECRET);
        browser.open("logistics/warehouse");
        browser.waitFor(By.id("stock-summary"));
        browser.fillText("stock-batch", batch.batchNo());
        browser.click(By.id("stock-search"));
        browser.waitUntil("the batch listed", () -> browser.text(By.id("stock-cards")).contains(firstCard));
        assertThat(browser.text(By.id("stock-cards"))).contains("在库");
        browser.select("out-desk", "兰州市城关区居民健康卡服务中心（GS-620102）");
        browser.fillText("out-batch", batch.batchNo());
        browser.fillText("out-seal", "GS-UI-SEAL-1");
        browser.click(By.id("out-submit"));
        browser.waitUntil("the warehouse-out listed", () -> browser.text(By.id("warehouse-movements"))
                .contains("出库"));
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("logistics-warehouse.png"));
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.card(firstCard)).status())
                .isEqualTo(StockStatus.IN_TRANSIT);

        ShipmentView out = users.as(LogisticsFixtures.KEEPER, () -> shipments.list(200)).stream()
                .filter(s -> batch.batchNo().equals(s.batchNo()) && s.kind() == ShipmentKind.CENTRE_TO_DESK)
                .findFirst().orElseThrow();
        browser.open("tasks/" + world.task(inbox, LogisticsFixtures.KEEPER, out.shipmentNo(),
                ShipmentService.DISPATCH_TASK));
        browser.waitFor(By.id("field-waybillNo"));
        browser.fillText("field-waybillNo", "GS-UI-WAYBILL-1");
        browser.fillText("field-carrier", "中心送货员 李师傅");
        browser.fillDate("field-expectedDate", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).plusDays(1));
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("logistics-dispatch.png"));
        browser.click(By.id("form-submit"));
        browser.waitUntil("dispatched", () -> users.as(LogisticsFixtures.KEEPER,
                () -> shipments.get(out.shipmentNo())).status() == ShipmentStatus.DISPATCHED);

        browser.open("logistics/shipments");
        browser.waitUntil("the shipment listed", () -> browser.text(By.id("shipments")).contains(out.shipmentNo()));
        assertThat(browser.text(By.id("shipments"))).contains("GS-UI-WAYBILL-1").contains("运输中");
        browser.screenshot(SCREENSHOTS.resolve("logistics-tracking.png"));
    }
}
