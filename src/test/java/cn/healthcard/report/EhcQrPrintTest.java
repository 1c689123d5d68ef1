package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The printable page of the static e-card QR code and the {@code <image>} element of the templates. */
class EhcQrPrintTest {

    private static final String EHC_ID = "98FF9F2C05145CB9305E9D8A57E072BB51180CA49E5BE5E9D41BCE3A9A571928";

    private final ReportRenderer renderer = new ReportRenderer(
            Clock.fixed(LocalDateTime.of(2026, 11, 22, 14, 30).toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai")));

    /** The static code of the vector's e-card as a QR image (zxing, as the e-card module makes it). */
    static byte[] png() throws IOException {
        try {
            var matrix = new com.google.zxing.qrcode.QRCodeWriter().encode(EHC_ID + ":1",
                    com.google.zxing.BarcodeFormat.QR_CODE, 320, 320);
            var out = new ByteArrayOutputStream();
            com.google.zxing.client.j2se.MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    private EhcQrPrint print() throws IOException {
        return new EhcQrPrint(EHC_ID, png(), "张*三", "居民身份证", "1101**********006X", "正常",
                "北京市朝阳区居民健康卡服务中心", "王经办");
    }

    @Test
    @DisplayName("EHC-04 BPM-06: the static QR page prints the code as an image with the masked holder, the e-card ID and the hint for dynamic codes")
    void rendersPage() throws IOException {
        EhcQrPrint print = print();
        byte[] pdf = renderer.render(EhcQrPrint.TEMPLATE, print.toValues(), Map.of(), print.toImages());
        PdfReader reader = new PdfReader(pdf);

        String text = new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", "");

        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(text).contains("居民电子健康卡", "张*三", "1101**********006X", EHC_ID, "正常",
                "北京市朝阳区居民健康卡服务中心", "静态码（码文：电子健康卡ID:1）", "动态二维码", "打印时间：2026年11月22日14:30", "经办人：王经办")
                .doesNotContain("${");
        PdfDictionary xObjects = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.XOBJECT);
        assertThat(xObjects).as("the QR code is an image on the page").isNotNull();
        assertThat(xObjects.getKeys()).hasSize(1);
        // docs/screenshots/pdf/ehc-qr-card.png: pdftoppm -png -r 80 -singlefile target/reports/ehc-qr-card.pdf …
        Path out = Path.of("target/reports/ehc-qr-card.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);
    }

    @Test
    @DisplayName("BPM-06: an <image> without its image, or with bytes that are no image, fails and names the image")
    void missingImage() throws IOException {
        EhcQrPrint print = print();
        assertThatThrownBy(() -> renderer.render(EhcQrPrint.TEMPLATE, print.toValues(), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'qr'")
                .hasMessageContaining("ehc-qr-card");
        assertThatThrownBy(() -> renderer.render(EhcQrPrint.TEMPLATE, print.toValues(), Map.of(),
                Map.of("qr", new byte[]{1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable PNG or JPEG");
    }

    @Test
    @DisplayName("SEC-02: a complete resident ID number is refused on the printed page")
    void refusesPlainDocumentNumber() {
        assertThatThrownBy(() -> new EhcQrPrint(EHC_ID, png(), "张*三", "居民身份证", "11010020171225006X", "正常",
                "机构", "王经办")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masked");
    }

    @Test
    @DisplayName("EHC-04: the report service prints the static QR page")
    void reportService() throws IOException {
        byte[] pdf = new ReportService(new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(Clock.class)).ehcQrCard(print());
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }
}
