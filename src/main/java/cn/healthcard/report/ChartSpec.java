package cn.healthcard.report;

import java.util.List;

/**
 * A chart as data: drawn on screen by ECharts and printed into PDFs as an image, from the same spec. Categories are
 * the x axis (or the slices of a pie); each series has one value per category ({@code null} for none). A series whose
 * name ends with the {@link #PREVIOUS_SUFFIX} is drawn as the comparison (dashed).
 */
public record ChartSpec(Kind kind, String title, String unit, List<String> categories, List<SeriesSpec> series) {

    /** The suffix of a comparison series' name. */
    public static final String PREVIOUS_SUFFIX = "(上期)";

    /**
     * The series' colours in order, the same on screen (ECharts) and in print ({@code ChartImages}); a comparison
     * series takes the colour of the series it compares with.
     */
    public static final List<String> PALETTE = List.of("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de",
            "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc");

    public enum Kind { BAR, LINE, PIE, STACKED_BAR }

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    /**
     * The colour of a series (as {@code #rrggbb}): the {@link #PALETTE}'s next one, counting only the series that are
     * not comparisons; a comparison series named like another plus {@link #PREVIOUS_SUFFIX} takes that one's colour.
     */
    public String colour(int seriesIndex) {
        SeriesSpec wanted = series.get(seriesIndex);
        if (wanted.comparison()) {
            String base = wanted.name().substring(0, wanted.name().length() - PREVIOUS_SUFFIX.length());
            for (int i = 0; i < series.size(); i++) {
                if (!series.get(i).comparison() && series.get(i).name().equals(base)) {
                    return colour(i);
                }
            }
        }
        int own = 0;
        for (int i = 0; i < seriesIndex; i++) {
            if (!series.get(i).comparison()) {
                own++;
            }
        }
        return PALETTE.get(own % PALETTE.size());
    }

    public record SeriesSpec(String name, List<Number> values) {
        public SeriesSpec {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        /** Whether this is a comparison series (the previous period): its name ends with {@link #PREVIOUS_SUFFIX}. */
        public boolean comparison() {
            return name != null && name.endsWith(PREVIOUS_SUFFIX);
        }
    }
}
