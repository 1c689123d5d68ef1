package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.report.ReportService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The 签收单 (BPM-06) printed from {@code reports/shipment-receipt.html}: every value in its place; the PDF is written
 * to {@code target/reports/shipment-receipt-sample.pdf} (docs/screenshots/pdf/shipment-receipt.png: pdftoppm -png -r
 * 80 -singlefile target/reports/shipment-receipt-sample.pdf …).
 */
class ShipmentReceiptsTest {

    @Test
    @DisplayName("BPM-06 APP-11 PER-13 the shipment receipt (签收单) names the shipment, waybill, courier, dates, authorised receiver, count, discrepancy handling and every box")
    void receipt() throws Exception {
        Instant at = Instant.parse("2026-12-07T02:20:00Z");
        ShipmentView s = new ShipmentView("YD11000020261207000001", ShipmentKind.MAKER_TO_CENTRE,
                "PC110000202612070001", "CM-110000", "北京居民健康卡个人化中心", "BJ-110000", "北京市居民健康卡注册管理中心",
                ShipmentStatus.RECEIVED, 100, "SF1234567890", "顺丰速运 张师傅", LocalDate.of(2026, 12, 7),
                at.minusSeconds(86_400), "warehouse", at, 50, "第二箱封签破损", "复点50张，登记调查，制卡机构补发（发出方补发卡片）",
                at.plusSeconds(600), List.of(
                new ShipmentView.Box("PC110000202612070001-B1", "S0001", "110000000000000001", "110000000000000050",
                        50, BoxStatus.RECEIVED),
                new ShipmentView.Box("PC110000202612070001-B2", "S0002", "110000000000000051", "110000000000000100",
                        50, BoxStatus.DAMAGED)));
        var factory = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(at, cn.healthcard.common.ChinaTime.ZONE)));
        byte[] pdf = new ReportService(factory.getBeanProvider(Clock.class)).document(ShipmentReceipts.TEMPLATE,
                ShipmentReceipts.values(s, "北京居民健康卡个人化中心（CM-110000）", "北京市居民健康卡注册管理中心（BJ-110000）",
                        "郑库管"), Map.of("boxes", ShipmentReceipts.boxes(s)));
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/shipment-receipt-sample.pdf"), pdf);
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf))
                .getTextFromPage(1);
        assertThat(text).contains("居民健康卡物流签收单", "YD11000020261207000001", "SF1234567890", "顺丰速运 张师傅",
                "郑库管", "2026年12月7日", "第二箱封签破损", "PC110000202612070001-B2", "破损开封", "100 张");
    }
}
