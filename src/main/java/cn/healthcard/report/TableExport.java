package cn.healthcard.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A table of rows written as an Excel workbook (.xlsx) or as CSV, from column definitions: the reusable export of
 * registers and statistics (decision 021, "Tables as Excel and CSV").
 * <p>
 * Each column has a heading and a type. In the workbook a {@linkplain #number number} is a numeric cell, a
 * {@linkplain #date date} or {@linkplain #dateTime date and time} a numeric cell with a date format (so Excel sorts
 * and filters it as a date), and a {@linkplain #text text} a string cell — never a formula. The heading row is bold,
 * frozen and has a filter; the columns are as wide as their widest value (counting a Chinese character as two), at
 * most {@value #MAX_WIDTH} characters, unless a width is given. Rows are streamed ({@link SXSSFWorkbook}, 200 rows in
 * memory), so ten thousands of rows take little heap.
 * <p>
 * CSV is UTF-8 with a byte order mark (so Excel opens Chinese texts correctly), comma separated, CRLF line ends,
 * the headings first; dates as {@code 2026-12-06}, times as {@code 2026-12-06 14:05:09}, numbers as plain digits.
 * A text starting with {@code = + - @}, a tab or a carriage return is written with a leading apostrophe, so a
 * spreadsheet never runs it as a formula (CSV injection).
 * <p>
 * A column added with {@link #sum sum} is totalled: a last row 「合计」 holds each such column's sum, computed in Java
 * and written as a number (never a formula), in the workbook and the CSV alike. A workbook may carry a second sheet
 * 「说明」 ({@link Notes}: title, filters, exporter, time, row count). The {@code write…} methods report their progress
 * every {@value #PROGRESS_EVERY} rows, so a background export can show it; rows may come from a JDBC cursor
 * ({@link CursorRows}), so a million rows stay in constant heap.
 * <p>
 * Absent values ({@code null}) are empty cells. A definition is built once and may be used for any number of exports:
 * <pre>{@code
 * TableExport<Institution> export = TableExport.<Institution>sheet("机构")
 *         .text("机构代码", Institution::code)
 *         .text("机构名称", Institution::name)
 *         .date("登记日期", Institution::registeredOn);
 * byte[] xlsx = export.xlsx(rows);
 * }</pre>
 *
 * @param <R> the type of a row
 */
public final class TableExport<R> {

    /** The media type of a workbook. */
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The media type of the CSV. */
    public static final String CSV_TYPE = "text/csv;charset=UTF-8";

    /** The widest a column becomes by itself, in characters. */
    static final int MAX_WIDTH = 60;
    /** The date format of date cells. */
    static final String DATE_FORMAT = "yyyy-mm-dd";
    /** The date format of date and time cells. */
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    private static final DateTimeFormatter CSV_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int ROWS_IN_MEMORY = 200;
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    /** The label of the totals row. */
    public static final String TOTAL = "合计";
    /** The name of the notes sheet. */
    public static final String NOTES_SHEET = "说明";
    /** How many rows are written between two progress reports. */
    public static final int PROGRESS_EVERY = 1_000;

    /** The type of a column's cells. */
    public enum Type { TEXT, NUMBER, DATE, DATE_TIME }

    /**
     * One column.
     *
     * @param heading its heading
     * @param type    the type of its cells
     * @param value   the cell's value of a row: a {@link String}, {@link Number}, {@link LocalDate} or
     *                {@link LocalDateTime} as the type says, or {@code null}
     * @param width   its width in characters, or 0 to fit the values
     * @param summed  whether the totals row holds this column's sum (number columns only)
     */
    public record Column<R>(String heading, Type type, Function<? super R, ?> value, int width, boolean summed) {
        public Column {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            if (width < 0 || width > 255) {
                throw new IllegalArgumentException("Column " + heading + ": width must be 0 to 255 characters");
            }
            if (summed && type != Type.NUMBER) {
                throw new IllegalArgumentException("Column " + heading + ": only number columns can be summed");
            }
        }

        /** A column that is not totalled. */
        public Column(String heading, Type type, Function<? super R, ?> value, int width) {
            this(heading, type, value, width, false);
        }
    }

    /**
     * What the notes sheet 「说明」 of a workbook says about it; the row count is added when the rows are written.
     *
     * @param title      what the table is (e.g. 发放监管)
     * @param filters    the filters in words, one per line
     * @param exporter   who exported it
     * @param exportedAt when (China time)
     */
    public record Notes(String title, List<String> filters, String exporter, LocalDateTime exportedAt) {
        public Notes {
            Objects.requireNonNull(title, "title");
            filters = List.copyOf(filters);
            Objects.requireNonNull(exporter, "exporter");
            Objects.requireNonNull(exportedAt, "exportedAt");
        }
    }

    private final String sheetName;
    private final List<Column<R>> columns;

    private TableExport(String sheetName, List<Column<R>> columns) {
        this.sheetName = sheetName;
        this.columns = List.copyOf(columns);
    }

    /**
     * An export without columns yet.
     *
     * @param sheetName the name of the workbook's sheet; characters Excel does not allow ({@code []:*?/\}) become
     *                  blanks and it is cut to 31 characters
     */
    public static <R> TableExport<R> sheet(String sheetName) {
        Objects.requireNonNull(sheetName, "sheetName");
        return new TableExport<>(WorkbookUtil.createSafeSheetName(sheetName, ' '), List.of());
    }

    /** This export with a text column added. */
    public TableExport<R> text(String heading, Function<? super R, String> value) {
        return column(new Column<>(heading, Type.TEXT, value, 0));
    }

    /** This export with a number column added (integers print as integers, decimals as they are). */
    public TableExport<R> number(String heading, Function<? super R, ? extends Number> value) {
        return column(new Column<>(heading, Type.NUMBER, value, 0));
    }

    /** This export with a number column added whose sum the totals row 「合计」 holds. */
    public TableExport<R> sum(String heading, Function<? super R, ? extends Number> value) {
        return column(new Column<>(heading, Type.NUMBER, value, 0, true));
    }

    /** This export with a date column added. */
    public TableExport<R> date(String heading, Function<? super R, LocalDate> value) {
        return column(new Column<>(heading, Type.DATE, value, 0));
    }

    /** This export with a date-and-time column added (China time, to the second). */
    public TableExport<R> dateTime(String heading, Function<? super R, LocalDateTime> value) {
        return column(new Column<>(heading, Type.DATE_TIME, value, 0));
    }

    /** This export with a column added. */
    public TableExport<R> column(Column<R> column) {
        List<Column<R>> more = new ArrayList<>(columns);
        more.add(Objects.requireNonNull(column, "column"));
        return new TableExport<>(sheetName, more);
    }

    /** The sheet's name as written. */
    public String sheetName() {
        return sheetName;
    }

    /** The columns in order. */
    public List<Column<R>> columns() {
        return columns;
    }

    /** Whether the table ends with a totals row (some column is {@linkplain #sum summed}). */
    public boolean totalled() {
        return columns.stream().anyMatch(Column::summed);
    }

    /** The rows as an Excel workbook. */
    public byte[] xlsx(Iterable<? extends R> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeXlsx(rows, out);
        return out.toByteArray();
    }

    /** The rows as an Excel workbook with the notes sheet 「说明」. */
    public byte[] xlsx(Iterable<? extends R> rows, Notes notes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeXlsx(rows, out, notes, null);
        return out.toByteArray();
    }

    /** The rows as CSV (UTF-8 with byte order mark). */
    public byte[] csv(Iterable<? extends R> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCsv(rows, out);
        return out.toByteArray();
    }

    /**
     * Writes the rows as an Excel workbook; {@code out} is left open.
     *
     * @return the number of rows written (without the heading)
     * @throws IllegalArgumentException if there are no columns, more rows than a sheet holds, a value of the wrong
     *                                  type for its column, or a text longer than a cell holds — naming the column
     */
    public long writeXlsx(Iterable<? extends R> rows, OutputStream out) {
        return writeXlsx(rows, out, null, null);
    }

    /**
     * Writes the rows as an Excel workbook; {@code out} is left open.
     *
     * @param notes    the notes sheet 「说明」, or {@code null} for none
     * @param progress told the rows written so far every {@value #PROGRESS_EVERY} rows and at the end, or
     *                 {@code null}
     * @return the number of rows written (without the heading and the totals)
     * @throws IllegalArgumentException as {@link #writeXlsx(Iterable, OutputStream)}
     */
    public long writeXlsx(Iterable<? extends R> rows, OutputStream out, Notes notes, LongConsumer progress) {
        requireColumns();
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        // the rows flushed to disk are gzipped, and removed whatever happens (the temp files hold the table's data)
        workbook.setCompressTempFiles(true);
        try (workbook) {
            SXSSFSheet sheet = workbook.createSheet(sheetName);
            CellStyle heading = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            heading.setFont(bold);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat(DATE_TIME_FORMAT));

            int[] widths = new int[columns.size()];
            Row head = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(columns.get(c).heading());
                cell.setCellStyle(heading);
                widths[c] = displayWidth(columns.get(c).heading());
            }
            int r = 0;
            Totals totals = new Totals();
            for (R item : rows) {
                if (r == MAX_ROWS - (totalled() ? 1 : 0)) {
                    throw new IllegalArgumentException("Export " + sheetName + ": more than " + MAX_ROWS
                            + " rows do not fit a sheet");
                }
                Row row = sheet.createRow(++r);
                for (int c = 0; c < columns.size(); c++) {
                    Column<R> column = columns.get(c);
                    Object value = column.value().apply(item);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    switch (column.type()) {
                        case TEXT -> {
                            String text = as(column, value, String.class);
                            if (text.length() > MAX_TEXT) {
                                throw new IllegalArgumentException("Export " + sheetName + ": a value of column "
                                        + column.heading() + " is longer than a cell holds (" + MAX_TEXT + ")");
                            }
                            cell.setCellValue(text);
                            widths[c] = Math.max(widths[c], displayWidth(text));
                        }
                        case NUMBER -> {
                            Number number = as(column, value, Number.class);
                            cell.setCellValue(number.doubleValue());
                            widths[c] = Math.max(widths[c], plain(number).length());
                            totals.add(c, column, number);
                        }
                        case DATE -> {
                            cell.setCellValue(as(column, value, LocalDate.class));
                            cell.setCellStyle(date);
                            widths[c] = Math.max(widths[c], DATE_FORMAT.length());
                        }
                        case DATE_TIME -> {
                            cell.setCellValue(as(column, value, LocalDateTime.class).withNano(0));
                            cell.setCellStyle(dateTime);
                            widths[c] = Math.max(widths[c], DATE_TIME_FORMAT.length());
                        }
                    }
                }
                report(progress, r);
            }
            if (totalled()) {
                CellStyle boldNumber = workbook.createCellStyle();
                boldNumber.setFont(bold);
                Row total = sheet.createRow(r + 1);
                Cell label = total.createCell(totals.labelColumn());
                label.setCellValue(TOTAL);
                label.setCellStyle(heading);
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).summed()) {
                        Cell cell = total.createCell(c);
                        cell.setCellValue(totals.sum(c).doubleValue());
                        cell.setCellStyle(boldNumber);
                        widths[c] = Math.max(widths[c], plain(totals.sum(c)).length());
                    }
                }
            }
            end(progress, r);
            for (int c = 0; c < columns.size(); c++) {
                int chars = columns.get(c).width() > 0 ? columns.get(c).width()
                        : Math.min(MAX_WIDTH, widths[c] + 2);
                sheet.setColumnWidth(c, chars * 256);
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r, 1), 0, columns.size() - 1));
            if (notes != null) {
                writeNotes(workbook, heading, dateTime, notes, r);
            }
            workbook.write(out);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }

    /**
     * Writes the rows as CSV, UTF-8 with a byte order mark; {@code out} is flushed and left open.
     *
     * @return the number of rows written (without the heading)
     * @throws IllegalArgumentException if there are no columns or a value has the wrong type for its column
     */
    public long writeCsv(Iterable<? extends R> rows, OutputStream out) {
        return writeCsv(rows, out, null);
    }

    /**
     * Writes the rows as CSV, UTF-8 with a byte order mark, and the totals row if the table has one; {@code out} is
     * flushed and left open.
     *
     * @param progress told the rows written so far every {@value #PROGRESS_EVERY} rows and at the end, or
     *                 {@code null}
     * @return the number of rows written (without the heading and the totals)
     */
    public long writeCsv(Iterable<? extends R> rows, OutputStream out, LongConsumer progress) {
        requireColumns();
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL);
            printer.printRecord(columns.stream().map(Column::heading).toList());
            long count = 0;
            Totals totals = new Totals();
            List<String> record = new ArrayList<>(columns.size());
            for (R item : rows) {
                record.clear();
                for (int c = 0; c < columns.size(); c++) {
                    Column<R> column = columns.get(c);
                    Object value = column.value().apply(item);
                    record.add(csvValue(column, value));
                    if (value != null && column.type() == Type.NUMBER) {
                        totals.add(c, column, (Number) value);
                    }
                }
                printer.printRecord(record);
                report(progress, ++count);
            }
            if (totalled()) {
                record.clear();
                for (int c = 0; c < columns.size(); c++) {
                    record.add(columns.get(c).summed() ? plain(totals.sum(c))
                            : c == totals.labelColumn() ? TOTAL : "");
                }
                printer.printRecord(record);
            }
            end(progress, count);
            printer.flush();
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeNotes(SXSSFWorkbook workbook, CellStyle heading, CellStyle dateTime, Notes notes, long rows) {
        SXSSFSheet sheet = workbook.createSheet(NOTES_SHEET);
        int r = 0;
        Row head = sheet.createRow(r++);
        for (String text : List.of("项目", "内容")) {
            Cell cell = head.createCell(head.getPhysicalNumberOfCells());
            cell.setCellValue(text);
            cell.setCellStyle(heading);
        }
        sheet.createRow(r++).createCell(0).setCellValue("标题");
        sheet.getRow(r - 1).createCell(1).setCellValue(limited(notes.title()));
        for (String filter : notes.filters().isEmpty() ? List.of("无") : notes.filters()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue("筛选条件");
            row.createCell(1).setCellValue(limited(filter));
        }
        Row exporter = sheet.createRow(r++);
        exporter.createCell(0).setCellValue("导出人");
        exporter.createCell(1).setCellValue(limited(notes.exporter()));
        Row at = sheet.createRow(r++);
        at.createCell(0).setCellValue("导出时间");
        Cell time = at.createCell(1);
        time.setCellValue(notes.exportedAt().withNano(0));
        time.setCellStyle(dateTime);
        Row count = sheet.createRow(r);
        count.createCell(0).setCellValue("行数");
        count.createCell(1).setCellValue(rows);
        sheet.setColumnWidth(0, 12 * 256);
        sheet.setColumnWidth(1, MAX_WIDTH * 256);
    }

    private static String limited(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static void report(LongConsumer progress, long rows) {
        if (progress != null && rows % PROGRESS_EVERY == 0) {
            progress.accept(rows);
        }
    }

    private static void end(LongConsumer progress, long rows) {
        if (progress != null && (rows == 0 || rows % PROGRESS_EVERY != 0)) {
            progress.accept(rows);
        }
    }

    /** The running sums of the summed columns, exact (as decimals), and where the label 「合计」 goes. */
    private final class Totals {
        private final BigDecimal[] sums = new BigDecimal[columns.size()];

        void add(int c, Column<R> column, Number number) {
            if (column.summed()) {
                sums[c] = sum(c).add(decimal(number));
            }
        }

        BigDecimal sum(int c) {
            return sums[c] == null ? BigDecimal.ZERO : sums[c];
        }

        /** The first column that is not summed (the first column if all are). */
        int labelColumn() {
            for (int c = 0; c < columns.size(); c++) {
                if (!columns.get(c).summed()) {
                    return c;
                }
            }
            return 0;
        }

        private static BigDecimal decimal(Number number) {
            if (number instanceof BigDecimal d) {
                return d;
            }
            if (number instanceof java.math.BigInteger i) {
                return new BigDecimal(i);
            }
            if (number instanceof Double || number instanceof Float) {
                return BigDecimal.valueOf(number.doubleValue());
            }
            return BigDecimal.valueOf(number.longValue());
        }
    }

    private String csvValue(Column<R> column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.type()) {
            case TEXT -> defused(as(column, value, String.class));
            case NUMBER -> plain(as(column, value, Number.class));
            case DATE -> as(column, value, LocalDate.class).toString();
            case DATE_TIME -> CSV_DATE_TIME.format(as(column, value, LocalDateTime.class));
        };
    }

    /** A text a spreadsheet would take for a formula, with an apostrophe in front (OWASP "CSV injection"). */
    static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String plain(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return number.toString();
    }

    private <T> T as(Column<R> column, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("Export " + sheetName + ": column " + column.heading() + " is "
                    + column.type() + " but a row gave " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    private void requireColumns() {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Export " + sheetName + " has no columns");
        }
    }

    /** The width of a text in characters as a spreadsheet shows it: wide (CJK) characters count two. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += cp >= 0x1100 && (Character.isIdeographic(cp) || (cp >= 0x3000 && cp <= 0x33FF)
                    || (cp >= 0xFF00 && cp <= 0xFF60)) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }
}
