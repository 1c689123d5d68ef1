package cn.healthcard.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The print of a statistics screen (统计报表, BPM-06): the values and lists of {@code reports/statistics-report.html}
 * from a title, the filters in words, a chart and the screen's {@link TableExport} with its rows — so the table printed
 * has the columns and values of the table exported. At most {@value #MAX_ROWS} rows are printed (Flying Saucer lays a
 * long table out slowly); the summary then says so and points to the Excel and CSV exports.
 */
final class StatisticsPrint {

    static final String TEMPLATE = "statistics-report";
    /** The most rows printed. */
    static final int MAX_ROWS = 2_000;
    /** The chart's layout size in the template (points; A4 landscape's width within the margins). */
    static final int CHART_WIDTH = 760;
    static final int CHART_HEIGHT = 290;

    private StatisticsPrint() {
    }

    /** The template's texts. */
    static Map<String, String> values(String title, String generatedAt, String printedBy, long total, boolean chart) {
        Objects.requireNonNull(title, "title");
        String printed = "生成时间：" + generatedAt
                + (printedBy == null || printedBy.isBlank() ? "" : "\u3000打印人：" + printedBy);
        String summary = total > MAX_ROWS
                ? "共 " + total + " 行，本表仅列出前 " + MAX_ROWS + " 行；完整结果请导出 Excel 或 CSV。"
                : "共 " + total + " 行。";
        return Map.of("title", title, "printedLine", printed, "summary", summary, "hasChart", chart ? "yes" : "no");
    }

    /** The lists {@code filters}, {@code columns} and {@code rows} (each row's cells under {@code c0}, {@code c1} …). */
    static <R> Map<String, List<Map<String, String>>> lists(List<String> filterLines, TableExport<R> table,
                                                           Collection<? extends R> rows) {
        List<Map<String, String>> filters = new ArrayList<>();
        for (String line : filterLines == null ? List.<String>of() : filterLines) {
            if (line != null && !line.isBlank()) {
                filters.add(Map.of("text", line));
            }
        }
        if (filters.isEmpty()) {
            filters.add(Map.of("text", "全部（本级及下级）"));
        }
        List<TableExport.Column<R>> columns = table.columns();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Statistics report " + table.sheetName() + " has no columns");
        }
        List<Map<String, String>> heads = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            TableExport.Column<R> column = columns.get(c);
            heads.add(Map.of("heading", column.heading(), "key", "c" + c, "align", switch (column.type()) {
                case NUMBER -> "n";
                case DATE, DATE_TIME -> "c";
                case TEXT -> "t";
            }));
        }
        List<Map<String, String>> printed = new ArrayList<>(Math.min(rows.size(), MAX_ROWS));
        for (R row : rows) {
            if (printed.size() == MAX_ROWS) {
                break;
            }
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                cells.put("c" + c, cell(table, columns.get(c), columns.get(c).value().apply(row)));
            }
            printed.add(cells);
        }
        return Map.of("filters", filters, "columns", heads, "rows", printed);
    }

    /** A cell as printed: numbers grouped by thousands, dates in Chinese, absent values empty. */
    static <R> String cell(TableExport<R> table, TableExport.Column<R> column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.type()) {
            case TEXT -> as(table, column, value, String.class);
            case NUMBER -> number(as(table, column, value, Number.class));
            case DATE -> ReportFormats.date(as(table, column, value, LocalDate.class));
            case DATE_TIME -> ReportFormats.dateTime(as(table, column, value, LocalDateTime.class));
        };
    }

    static String number(Number number) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            return "";
        }
        BigDecimal decimal = number instanceof BigDecimal b ? b : new BigDecimal(number.toString());
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(decimal);
    }

    private static <R, T> T as(TableExport<R> table, TableExport.Column<R> column, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("Statistics report " + table.sheetName() + ": column "
                    + column.heading() + " is " + column.type() + " but a row gave " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }
}
