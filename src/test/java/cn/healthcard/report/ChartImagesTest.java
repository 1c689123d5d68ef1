package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.report.ChartSpec.Kind;
import cn.healthcard.report.ChartSpec.SeriesSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Charts printed as images for the statistics PDFs (BPM-06, decision 035): server-side, headless, CJK. */
class ChartImagesTest {

    static final ChartSpec ISSUING = new ChartSpec(Kind.BAR, "各地区发卡情况", "张",
            List.of("北京市朝阳区", "北京市海淀区", "北京市东城区"),
            List.of(new SeriesSpec("申领", List.of(120, 80, 45)), new SeriesSpec("发放", List.of(100, 64, 40)),
                    new SeriesSpec("发放" + ChartSpec.PREVIOUS_SUFFIX, List.of(90, 70, 20))));

    @Test
    @DisplayName("BPM-06: a bar chart is a PNG twice the layout size, white around, with coloured bars in the "
            + "screen's palette")
    void barChart() throws IOException {
        byte[] png = ChartImages.png(ISSUING, 770, 300);
        write("chart-bar", png);
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(770 * ChartImages.SCALE);
        assertThat(image.getHeight()).isEqualTo(300 * ChartImages.SCALE);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        // the first series' colour is drawn (its bars), as ECharts draws it on screen
        assertThat(count(image, 0, image.getHeight(), 0x5470c6)).isGreaterThan(2_000);
        assertThat(count(image, 0, image.getHeight(), 0x91cc75)).isGreaterThan(2_000);
    }

    @Test
    @DisplayName("BPM-06: the Chinese title is drawn with the embedded font: dark pixels in the title band, where a "
            + "chart without a title has none")
    void chineseTitle() throws IOException {
        BufferedImage titled = decode(ChartImages.png(ISSUING, 600, 300));
        ChartSpec untitled = new ChartSpec(Kind.BAR, "", "张", ISSUING.categories(), ISSUING.series());
        BufferedImage plain = decode(ChartImages.png(untitled, 600, 300));
        int band = 22 * ChartImages.SCALE;
        assertThat(dark(titled, 0, band)).isGreaterThan(300);
        assertThat(dark(plain, 0, band / 2)).isZero();
        // a glyph the fallback fonts of a bare JDK lack would be drawn as boxes of equal width: the two titles differ
        BufferedImage other = decode(ChartImages.png(new ChartSpec(Kind.BAR, "各机构用卡情况", "张",
                ISSUING.categories(), ISSUING.series()), 600, 300));
        assertThat(sameRows(titled, other, 0, band)).isFalse();
    }

    @Test
    @DisplayName("BPM-06 STAT-01: line, stacked bar and pie charts render; a comparison series is dashed; nulls, NaN "
            + "and duplicate category names are drawn without failing")
    void everyKind() throws IOException {
        List<String> days = List.of("12-01", "12-02", "12-03", "12-04", "12-05", "12-06", "12-07", "12-08", "12-09");
        ChartSpec line = new ChartSpec(Kind.LINE, "每日申领量", "件", days, List.of(
                new SeriesSpec("申领", Arrays.asList(5, 7, 3, null, 9, 11, 4, 6, 8)),
                new SeriesSpec("申领" + ChartSpec.PREVIOUS_SUFFIX, List.of(4, 6, 6, 5, 7, 8, 5, 5, 9))));
        write("chart-line", ChartImages.png(line, 770, 300));
        ChartSpec stacked = new ChartSpec(Kind.STACKED_BAR, "制卡进度", "张", List.of("制卡商甲", "制卡商甲"),
                List.of(new SeriesSpec("成功", List.of(90, 40)), new SeriesSpec("失败", List.of(5, Double.NaN)),
                        new SeriesSpec("成功" + ChartSpec.PREVIOUS_SUFFIX, List.of(70, 30))));
        write("chart-stacked", ChartImages.png(stacked, 600, 300));
        ChartSpec pie = new ChartSpec(Kind.PIE, "卡片状态", "张", List.of("正常", "挂失", "注销"),
                List.of(new SeriesSpec("卡片", List.of(800, 30, 12))));
        BufferedImage pieImage = decode(ChartImages.png(pie, 400, 300));
        write("chart-pie", ChartImages.png(pie, 400, 300));
        assertThat(count(pieImage, 0, pieImage.getHeight(), 0x5470c6)).isGreaterThan(5_000);
        ChartSpec empty = new ChartSpec(Kind.BAR, "无数据的图", "张", List.of(), List.of());
        assertThat(decode(ChartImages.png(empty, 300, 200)).getWidth()).isEqualTo(600);
    }

    @Test
    @DisplayName("BPM-06: a size outside 50 to 2000 is refused (no huge image from a request)")
    void sizeLimits() {
        assertThatThrownBy(() -> ChartImages.png(ISSUING, 49, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartImages.png(ISSUING, 300, 2_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartImages.png(ISSUING, 100_000, 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50 to 2000");
    }

    static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }

    private static int count(BufferedImage image, int fromY, int toY, int rgb) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int dark(BufferedImage image, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (((p >> 16) & 0xFF) < 128 && ((p >> 8) & 0xFF) < 128 && (p & 0xFF) < 128) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean sameRows(BufferedImage a, BufferedImage b, int fromY, int toY) {
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    static void write(String name, byte[] bytes) throws IOException {
        Path dir = Path.of("target/reports");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), bytes);
    }
}
