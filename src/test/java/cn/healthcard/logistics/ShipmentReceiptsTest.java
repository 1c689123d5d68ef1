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
 * The 签收单 (BPM-06) of both item kinds printed from the one template {@code reports/shipment-receipt.html}: every
 * value in its place, the item kind named; the PDFs are written to {@code target/reports/shipment-receipt-card.pdf}
 * and {@code -sam.pdf} (docs/screenshots/shipment-receipt-card.png and sam-receipt.png: pdftoppm -png -r 60
 * -singlefile …).
 */
class ShipmentReceiptsTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:20:00Z");

    private static byte[] print(ShipmentView s, ItemKind kind, List<MovementView> movements, String file)
            throws Exception {
        var factory = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(AT, cn.healthcard.common.ChinaTime.ZONE)));
        byte[] pdf = new ReportService(factory.getBeanProvider(Clock.class)).document(ShipmentReceipts.TEMPLATE,
                ShipmentReceipts.values(s, kind, s.senderName() + "（" + s.senderCode() + "）",
                        s.receiverName() + "（" + s.receiverCode() + "）", "郑库管"),
                Map.of("boxes", ShipmentReceipts.boxes(s), "movements", ShipmentReceipts.movements(movements)));
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/" + file), pdf);
        return pdf;
    }

    /** The first page's text without white space (cells wrap long numbers). */
    private static String text(byte[] pdf) throws Exception {
        return new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf))
                .getTextFromPage(1).replaceAll("\\s", "");
    }

    @Test
    @DisplayName("BPM-06 APP-11 PER-13 the card shipment receipt (签收单) names the item kind, shipment, waybill, courier, dates, authorised receiver, count, discrepancy handling and every box")
    void cardReceipt() throws Exception {
        ShipmentView s = new ShipmentView("YD11000020261207000001", ShipmentKind.MAKER_TO_CENTRE,
                "PC110000202612070001", "CM-110000", "北京居民健康卡个人化中心", "BJ-110000", "北京市居民健康卡注册管理中心",
                ShipmentStatus.RECEIVED, 100, "SF1234567890", "顺丰速运 张师傅", LocalDate.of(2026, 12, 7),
                AT.minusSeconds(86_400), "warehouse", AT, 50, "第二箱封签破损", "复点50张，登记调查，制卡机构补发（发出方补发卡片）",
                AT.plusSeconds(600), List.of(
                new ShipmentView.Box("PC110000202612070001-B1", "S0001", "110000000000000001", "110000000000000050",
                        50, BoxStatus.RECEIVED),
                new ShipmentView.Box("PC110000202612070001-B2", "S0002", "110000000000000051", "110000000000000100",
                        50, BoxStatus.DAMAGED)));
        String text = text(print(s, ItemKind.CARD, List.of(new MovementView("RK11000020261207000001", "IN",
                "BJ-110000", s.shipmentNo(), s.batchNo(), 50, "110000000000000001-110000000000000050",
                "北京市居民健康卡注册管理中心", "郑库管", AT.plusSeconds(600), ItemKind.CARD)), "shipment-receipt-card.pdf"));
        assertThat(text).contains("居民健康卡物流签收单", "物品类别", "居民健康卡", "YD11000020261207000001", "SF1234567890",
                "顺丰速运张师傅", "郑库管", "2026年12月7日", "第二箱封签破损", "PC110000202612070001-B2", "破损开封",
                "100张", "起始卡号", "RK11000020261207000001").doesNotContain("SAM");
    }

    @Test
    @DisplayName("SAM-02 SAM-03 the SAM shipment's 签收单（交接单） comes from the same template with the item kind SAM: SAM batch, SAM number ranges of the boxes, the warehouse-out and warehouse-in records with responsible unit and person")
    void samReceipt() throws Exception {
        ShipmentView s = new ShipmentView("YD52000020261207000001", ShipmentKind.CENTRE_TO_INST,
                "SB3F2A9C01D4E7", "GZS-520000", "贵州省居民健康卡注册管理中心", "GZS-H-520102", "贵阳市南明区人民医院",
                ShipmentStatus.RECEIVED, 100, "SF5200000001", "顺丰速运 王师傅", LocalDate.of(2026, 12, 7),
                AT.minusSeconds(86_400), "warehouse", AT, 100, null, null, AT.plusSeconds(600), List.of(
                new ShipmentView.Box("SAM-SP1-B1", "SS0001", "SB3F2A9C01D4E70001", "SB3F2A9C01D4E70100", 100,
                        BoxStatus.RECEIVED)));
        String text = text(print(s, ItemKind.SAM, List.of(
                new MovementView("CK52000020261206000001", "OUT", "GZS-520000", s.shipmentNo(), s.batchNo(), 100,
                        "SB3F2A9C01D4E70001-SB3F2A9C01D4E70100", "贵州省居民健康卡注册管理中心", "黔库管",
                        AT.minusSeconds(86_400), ItemKind.SAM),
                new MovementView("RK52000020261207000001", "IN", "GZS-H-520102", s.shipmentNo(), s.batchNo(), 100,
                        "SB3F2A9C01D4E70001-SB3F2A9C01D4E70100", "贵阳市南明区人民医院", "院库管",
                        AT.plusSeconds(600), ItemKind.SAM)), "shipment-receipt-sam.pdf"));
        assertThat(text).contains("居民健康卡SAM卡签收单（交接单）", "SAM卡", "SAM批次号", "起始SAM卡号",
                "SB3F2A9C01D4E70001-SB3F2A9C01D4E70100", "CK52000020261206000001", "出库", "入库", "黔库管", "院库管", "贵阳市南明区人民医院");
    }
}
