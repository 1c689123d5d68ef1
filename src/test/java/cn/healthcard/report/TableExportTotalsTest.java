package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The additions of issue #16 to {@link TableExport}: totals row, notes sheet, progress, rows from a JDBC cursor. */
class TableExportTotalsTest {

    record Issuing(String region, String name, long applied, long signed, Double signedPct, LocalDate day) {
    }

    static final List<Issuing> ROWS = List.of(
            new Issuing("110105", "朝阳区", 120, 100, 83.3, LocalDate.of(2026, 12, 1)),
            new Issuing("110108", "=HYPERLINK(\"x\")", 30, 29, 96.7, LocalDate.of(2026, 12, 2)),
            new Issuing("310104", "徐汇区", 7, 0, null, null));

    static final TableExport<Issuing> TABLE = TableExport.<Issuing>sheet("发放监管")
            .text("行政区划代码", Issuing::region)
            .text("行政区划", Issuing::name)
            .sum("申领数", Issuing::applied)
            .sum("签收数", Issuing::signed)
            .number("签收率(%)", Issuing::signedPct)
            .date("日期", Issuing::day);

    static final TableExport.Notes NOTES = new TableExport.Notes("发放监管",
            List.of("统计期：2026-12-01 至 2026-12-07（按日）", "行政区划：本人辖区（本级及下级）"), "赵审核（supervisor）",
            LocalDateTime.of(2026, 12, 7, 9, 30, 5));

    @Test
    @DisplayName("STAT-01 SUP-02: the Excel file opened by POI — typed cells, a totals row 「合计」 whose numbers equal the column sums (numbers, not formulas), shares not summed")
    void totalsRow() throws IOException {
        byte[] xlsx = TABLE.xlsx(ROWS, NOTES);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/table-export-totals.xlsx"), xlsx);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("发放监管");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(83.3);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(5))).isTrue();
            assertThat(sheet.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");

            Row total = sheet.getRow(4);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(157.0);
            assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(129.0);
            double applied = 0;
            for (int r = 1; r <= 3; r++) {
                applied += sheet.getRow(r).getCell(2).getNumericCellValue();
            }
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(applied);
            assertThat(total.getCell(4)).as("a share is not summed").isNull();
            for (Row row : sheet) {
                row.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
            }
            assertThat(((XSSFSheet) sheet).getCTWorksheet().getAutoFilter().getRef())
                    .as("the filter covers the data, not the totals").isEqualTo("A1:F4");
        }
    }

    @Test
    @DisplayName("STAT-01 SEC-03: the notes sheet 「说明」 says the title, the filters, who exported and when, and how many rows")
    void notesSheet() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TABLE.xlsx(ROWS, NOTES)))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            Sheet notes = workbook.getSheet("说明");
            List<String> labels = new ArrayList<>();
            notes.forEach(r -> labels.add(r.getCell(0).getStringCellValue()));
            assertThat(labels).containsExactly("项目", "标题", "筛选条件", "筛选条件", "导出人", "导出时间", "行数");
            assertThat(notes.getRow(1).getCell(1).getStringCellValue()).isEqualTo("发放监管");
            assertThat(notes.getRow(3).getCell(1).getStringCellValue()).isEqualTo("行政区划：本人辖区（本级及下级）");
            assertThat(notes.getRow(4).getCell(1).getStringCellValue()).isEqualTo("赵审核（supervisor）");
            assertThat(DateUtil.isCellDateFormatted(notes.getRow(5).getCell(1))).isTrue();
            assertThat(notes.getRow(5).getCell(1).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2026, 12, 7, 9, 30, 5));
            assertThat(notes.getRow(6).getCell(1).getNumericCellValue()).isEqualTo(3.0);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TABLE.xlsx(ROWS)))) {
            assertThat(workbook.getNumberOfSheets()).as("no notes asked, none written").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("STAT-01 SUP-02: the CSV ends with the same totals row, numbers plain; formula-like texts stay defused")
    void csvTotals() throws IOException {
        String csv = new String(TABLE.csv(ROWS), StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.EXCEL.parse(new InputStreamReader(
                new ByteArrayInputStream(csv.substring(1).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .getRecords();
        assertThat(records).hasSize(5);
        assertThat(records.get(2).get(1)).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(records.get(4).toList()).containsExactly("合计", "", "157", "129", "", "");
    }

    @Test
    @DisplayName("STAT-01: decimals are summed exactly (0.1 + 0.2 = 0.3), and only number columns can be summed")
    void exactSums() {
        TableExport<Double> table = TableExport.<Double>sheet("d").text("项", d -> "x").sum("值", d -> d);
        String csv = new String(table.csv(List.of(0.1, 0.2)), StandardCharsets.UTF_8);
        assertThat(csv).endsWith("合计,0.3\r\n");
        assertThatThrownBy(() -> new TableExport.Column<String>("名称", TableExport.Type.TEXT, s -> s, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only number columns");
    }

    @Test
    @DisplayName("STAT-01: progress is reported every 1 000 rows and at the end, for Excel and CSV alike")
    void progress() {
        List<Integer> rows = IntStream.range(0, 2_500).boxed().toList();
        TableExport<Integer> table = TableExport.<Integer>sheet("n").number("序号", i -> i);
        List<Long> xlsx = new ArrayList<>();
        assertThat(table.writeXlsx(rows, new ByteArrayOutputStream(), null, xlsx::add)).isEqualTo(2_500);
        assertThat(xlsx).containsExactly(1_000L, 2_000L, 2_500L);
        List<Long> csv = new ArrayList<>();
        assertThat(table.writeCsv(rows, new ByteArrayOutputStream(), csv::add)).isEqualTo(2_500);
        assertThat(csv).containsExactly(1_000L, 2_000L, 2_500L);
        List<Long> none = new ArrayList<>();
        table.writeCsv(List.of(), new ByteArrayOutputStream(), none::add);
        assertThat(none).containsExactly(0L);
    }

    @Test
    @DisplayName("STAT-01: rows stream from a JDBC cursor (fetch size 1 000) into the workbook, read once")
    void cursorRows() throws IOException {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:cursor-rows;DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        TableExport<long[]> table = TableExport.<long[]>sheet("n").number("序号", r -> r[0]).sum("值", r -> r[1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CursorRows<long[]> rows = CursorRows.of(jdbc, "SELECT X, X * 2 FROM SYSTEM_RANGE(1, ?)",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, 25_000)) {
            assertThat(table.writeXlsx(rows, out, null, null)).isEqualTo(25_000);
            assertThatThrownBy(rows::iterator).isInstanceOf(IllegalStateException.class);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(25_000).getCell(0).getNumericCellValue()).isEqualTo(25_000.0);
            assertThat(sheet.getRow(25_001).getCell(1).getNumericCellValue())
                    .isEqualTo(2.0 * 25_000 * 25_001 / 2);
        }
    }
}
