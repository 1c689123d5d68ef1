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

    public enum Kind { BAR, LINE, PIE, STACKED_BAR }

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    public record SeriesSpec(String name, List<Number> values) {
        public SeriesSpec {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }
}
