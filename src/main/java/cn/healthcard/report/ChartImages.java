package cn.healthcard.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.GroupedStackedBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.KeyToGroupMap;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

/**
 * A {@link ChartSpec} as a PNG image for the PDFs (decision 035): drawn on the server with JFreeChart, headless, with
 * the embedded Chinese font of {@code reports/fonts}, in the colours the screen uses ({@link ChartSpec#colour}). No
 * browser takes part, so the monthly report's timer prints the same chart as a user does, and no image from a client
 * ever reaches an official document.
 * <p>
 * The image is laid out at the given size (as points on the page) and drawn at twice that many pixels, so it stays
 * sharp in print. A comparison series (the previous period) is drawn paler with a dashed outline (bars) or dashed
 * (lines), never stacked onto the current one.
 */
public final class ChartImages {

    /** Pixels per unit of the layout size. */
    public static final int SCALE = 2;
    /** The smallest and largest layout size accepted, per side. */
    public static final int MIN_SIZE = 50;
    public static final int MAX_SIZE = 2_000;
    /** More categories than this get slanted axis labels. */
    private static final int SLANT_FROM = 8;

    private static final Font BASE = loadFont();
    private static final float[] DASH = {6f, 4f};

    private ChartImages() {
    }

    /**
     * The chart as PNG bytes, {@code width * SCALE} × {@code height * SCALE} pixels.
     *
     * @param width  the layout width, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @param height the layout height, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @throws IllegalArgumentException for a size out of range
     */
    public static byte[] png(ChartSpec spec, int width, int height) {
        java.util.Objects.requireNonNull(spec, "spec");
        if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("Chart image size " + width + "×" + height + " is not within "
                    + MIN_SIZE + " to " + MAX_SIZE);
        }
        JFreeChart chart = chart(spec);
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(ChartSpec spec) {
        String title = text(spec.title());
        JFreeChart chart = spec.kind() == ChartSpec.Kind.PIE ? pie(spec, title) : categories(spec, title);
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, BASE.deriveFont(Font.BOLD, 14f)));
        }
        style(spec, chart);
        return chart;
    }

    private static JFreeChart categories(ChartSpec spec, String title) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int s = 0; s < spec.series().size(); s++) {
            ChartSpec.SeriesSpec series = spec.series().get(s);
            Key seriesKey = new Key(s, text(series.name()));
            for (int c = 0; c < spec.categories().size(); c++) {
                Number value = c < series.values().size() ? series.values().get(c) : null;
                data.addValue(finite(value) ? value : null, seriesKey, new Key(c, text(spec.categories().get(c))));
            }
        }
        String unit = text(spec.unit());
        return switch (spec.kind()) {
            case LINE -> ChartFactory.createLineChart(title, null, unit, data, PlotOrientation.VERTICAL,
                    !spec.series().isEmpty(), false, false);
            case STACKED_BAR -> ChartFactory.createStackedBarChart(title, null, unit, data, PlotOrientation.VERTICAL,
                    !spec.series().isEmpty(), false, false);
            default -> ChartFactory.createBarChart(title, null, unit, data, PlotOrientation.VERTICAL,
                    !spec.series().isEmpty(), false, false);
        };
    }

    private static JFreeChart pie(ChartSpec spec, String title) {
        DefaultPieDataset<Key> data = new DefaultPieDataset<>();
        List<Number> values = spec.series().isEmpty() ? List.of() : spec.series().get(0).values();
        for (int c = 0; c < spec.categories().size(); c++) {
            Number value = c < values.size() ? values.get(c) : null;
            data.setValue(new Key(c, text(spec.categories().get(c))), finite(value) ? value : null);
        }
        return ChartFactory.createPieChart(title, data, true, false, false);
    }

    private static void style(ChartSpec spec, JFreeChart chart) {
        if (chart.getPlot() instanceof PiePlot<?> pie) {
            pie.setNoDataMessage("无数据");
            pie.setNoDataMessageFont(BASE.deriveFont(12f));
            pie.setBackgroundPaint(Color.WHITE);
            pie.setOutlineVisible(false);
            pie.setShadowPaint(null);
            pie.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}：{1}（{2}）"));
            pie.setLabelFont(BASE.deriveFont(10f));
            pie.setLabelBackgroundPaint(Color.WHITE);
            pie.setLabelShadowPaint(null);
            pie.setLabelOutlinePaint(null);
            pie.setMaximumLabelWidth(0.22);
            pie.setSectionOutlinesVisible(false);
            @SuppressWarnings("unchecked")
            PiePlot<Key> slices = (PiePlot<Key>) pie;
            for (int c = 0; c < spec.categories().size(); c++) {
                slices.setSectionPaint(new Key(c, text(spec.categories().get(c))),
                        colour(ChartSpec.PALETTE.get(c % ChartSpec.PALETTE.size()), 1f));
            }
            return;
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setNoDataMessage("无数据");
        plot.setNoDataMessageFont(BASE.deriveFont(12f));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xE0E6F1));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        CategoryAxis x = plot.getDomainAxis();
        x.setCategoryMargin(0.2);
        x.setMaximumCategoryLabelLines(2);
        if (spec.categories().size() > SLANT_FROM) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setAutoRangeIncludesZero(true);

        if (spec.kind() == ChartSpec.Kind.LINE) {
            LineAndShapeRenderer lines = (LineAndShapeRenderer) plot.getRenderer();
            lines.setDefaultShapesVisible(true);
            for (int s = 0; s < spec.series().size(); s++) {
                lines.setSeriesPaint(s, colour(spec.colour(s), 1f));
                lines.setSeriesStroke(s, spec.series().get(s).comparison()
                        ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
                        : new BasicStroke(2f));
            }
            return;
        }
        BarRenderer bars;
        if (spec.kind() == ChartSpec.Kind.STACKED_BAR) {
            // the current series stack on each other; each comparison series stands alone beside them
            GroupedStackedBarRenderer stacked = new GroupedStackedBarRenderer() {
                @Override
                public int getPassCount() {
                    return 1; // it draws every item in each pass: a pale bar would be painted twice
                }
            };
            KeyToGroupMap groups = new KeyToGroupMap("total");
            for (int s = 0; s < spec.series().size(); s++) {
                ChartSpec.SeriesSpec series = spec.series().get(s);
                groups.mapKeyToGroup(new Key(s, text(series.name())), series.comparison() ? "previous-" + s : "total");
            }
            stacked.setSeriesToGroupMap(groups);
            plot.setRenderer(stacked);
            bars = stacked;
        } else {
            bars = (BarRenderer) plot.getRenderer();
        }
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        bars.setMaximumBarWidth(0.12);
        bars.setDrawBarOutline(true);
        for (int s = 0; s < spec.series().size(); s++) {
            boolean comparison = spec.series().get(s).comparison();
            bars.setSeriesPaint(s, colour(spec.colour(s), comparison ? 0.45f : 1f));
            bars.setSeriesOutlinePaint(s, colour(spec.colour(s), 1f));
            bars.setSeriesOutlineStroke(s, comparison
                    ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{3f, 2f}, 0f)
                    : new BasicStroke(0f));
        }
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("healthcard");
        theme.setExtraLargeFont(BASE.deriveFont(Font.BOLD, 14f));
        theme.setLargeFont(BASE.deriveFont(11f));
        theme.setRegularFont(BASE.deriveFont(10f));
        theme.setSmallFont(BASE.deriveFont(9f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setAxisLabelPaint(new Color(0x6E7079));
        theme.setTickLabelPaint(new Color(0x6E7079));
        return theme;
    }

    private static Color colour(String hex, float alpha) {
        Color rgb = Color.decode(hex);
        return new Color(rgb.getRed(), rgb.getGreen(), rgb.getBlue(), Math.round(alpha * 255));
    }

    private static boolean finite(Number value) {
        return value != null && !(value instanceof Double d && !Double.isFinite(d))
                && !(value instanceof Float f && !Float.isFinite(f));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The first face of the embedded TrueType collection (WenQuanYi Micro Hei), which has every Chinese glyph. */
    private static Font loadFont() {
        try (InputStream in = ChartImages.class.getClassLoader().getResourceAsStream(CjkFont.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Font " + CjkFont.RESOURCE + " is missing from the classpath");
            }
            return Font.createFonts(in)[0];
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("Font " + CjkFont.RESOURCE + " cannot be read", e);
        }
    }

    /**
     * A category or series key: its position and its label. Two institutions of the same name stay two bars (JFreeChart
     * keys a dataset by equality); the label is what is drawn.
     */
    record Key(int index, String label) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
