package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableExportTest {

    record Item(String code, String name, Integer count, BigDecimal share, LocalDate registeredOn,
                LocalDateTime changedAt) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("110105000001", "北京市朝阳区第一医院", 12, new BigDecimal("0.25"), LocalDate.of(2026, 3, 7),
                    LocalDateTime.of(2026, 12, 6, 14, 5, 9)),
            new Item("=HYPERLINK(\"x\")", "Smith, \"Jr\"\n2", null, null, null, null));

    static final TableExport<Item> EXPORT = TableExport.<Item>sheet("机构 [列表]")
            .text("机构代码", Item::code)
            .text("机构名称", Item::name)
            .number("终端数", Item::count)
            .number("占比", Item::share)
            .date("登记日期", Item::registeredOn)
            .dateTime("变更时间", Item::changedAt);

    @Test
    @DisplayName("ORG-03 STAT-01: the Excel export has typed cells — numbers as numbers, dates as formatted dates, texts as texts")
    void xlsxTypedCells() throws IOException {
        byte[] xlsx = EXPORT.xlsx(ITEMS);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/table-export.xlsx"), xlsx);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("机构  列表 ");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("110105000001");
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("北京市朝阳区第一医院");
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(12.0);
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(0.25);

            Cell date = first.getCell(4);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getCellStyle().getDataFormatString()).isEqualTo(TableExport.DATE_FORMAT);
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 7));
            Cell time = first.getCell(5);
            assertThat(DateUtil.isCellDateFormatted(time)).isTrue();
            assertThat(time.getCellStyle().getDataFormatString()).isEqualTo(TableExport.DATE_TIME_FORMAT);
            assertThat(time.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 12, 6, 14, 5, 9));

            Row second = sheet.getRow(2);
            assertThat(second.getCell(0).getCellType())
                    .as("a text that looks like a formula stays a text").isEqualTo(CellType.STRING);
            assertThat(second.getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(second.getCell(2)).as("absent values are empty cells").isNull();
            assertThat(second.getCell(4)).isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("ORG-03 STAT-01: the Excel export has a bold, frozen heading row with a filter and fitted column widths")
    void xlsxHeading() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(EXPORT.xlsx(ITEMS)))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row heading = sheet.getRow(0);
            List<String> headings = new ArrayList<>();
            heading.forEach(cell -> headings.add(cell.getStringCellValue()));
            assertThat(headings).containsExactly("机构代码", "机构名称", "终端数", "占比", "登记日期", "变更时间");
            heading.forEach(cell -> assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold())
                    .isTrue());
            assertThat(workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold())
                    .isFalse();

            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isZero();
            assertThat(workbook.getSheetAt(0).getCTWorksheet().isSetAutoFilter()).isTrue();

            // 10 Chinese characters count 20 wide, plus a margin; the name column is wider than the count column
            assertThat(sheet.getColumnWidth(1)).isEqualTo(22 * 256);
            assertThat(sheet.getColumnWidth(2)).isLessThan(sheet.getColumnWidth(1));
            assertThat(sheet.getColumnWidth(5)).isGreaterThanOrEqualTo(TableExport.DATE_TIME_FORMAT.length() * 256);
        }
    }

    @Test
    @DisplayName("ORG-03: a column width given in the definition is kept, a long text is capped at the maximum width")
    void widths() throws IOException {
        TableExport<String> export = TableExport.<String>sheet("s")
                .column(new TableExport.Column<>("固定", TableExport.Type.TEXT, s -> s, 9))
                .text("长", s -> s);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.xlsx(List.of("x".repeat(300)))))) {
            assertThat(workbook.getSheetAt(0).getColumnWidth(0)).isEqualTo(9 * 256);
            assertThat(workbook.getSheetAt(0).getColumnWidth(1)).isEqualTo(TableExport.MAX_WIDTH * 256);
        }
    }

    @Test
    @DisplayName("ORG-03 STAT-01: the CSV export is UTF-8 with a byte order mark, quoted where needed, with plain numbers and ISO dates")
    void csv() throws IOException {
        byte[] csv = EXPORT.csv(ITEMS);

        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("机构代码,机构名称,终端数,占比,登记日期,变更时间\r\n"
                + "110105000001,北京市朝阳区第一医院,12,0.25,2026-03-07,2026-12-06 14:05:09\r\n");
        List<CSVRecord> records = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(new ByteArrayInputStream(csv, 3, csv.length - 3),
                        StandardCharsets.UTF_8)).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("机构代码")).as("formula defused").isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(records.get(1).get("机构名称")).as("comma, quote and line break survive")
                .isEqualTo("Smith, \"Jr\"\n2");
        assertThat(records.get(1).get("终端数")).isEmpty();
        assertThat(records.get(1).get("变更时间")).isEmpty();
    }

    @Test
    @DisplayName("ORG-03: CSV texts that a spreadsheet would run as a formula get a leading apostrophe")
    void csvInjection() {
        assertThat(TableExport.defused("=1+1")).isEqualTo("'=1+1");
        assertThat(TableExport.defused("+86 10")).isEqualTo("'+86 10");
        assertThat(TableExport.defused("-2")).isEqualTo("'-2");
        assertThat(TableExport.defused("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(TableExport.defused("\tx")).isEqualTo("'\tx");
        assertThat(TableExport.defused("北京 = 首都")).isEqualTo("北京 = 首都");
        assertThat(TableExport.defused("")).isEmpty();
    }

    @Test
    @DisplayName("ORG-03: a value of the wrong type for its column fails, naming the column")
    void wrongType() {
        TableExport<String> export = TableExport.<String>sheet("s").number("数量", s -> null)
                .column(new TableExport.Column<>("日期", TableExport.Type.DATE, s -> s, 0));

        assertThatThrownBy(() -> export.xlsx(List.of("2026-01-01"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("日期").hasMessageContaining("String");
        assertThatThrownBy(() -> export.csv(List.of("2026-01-01"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("日期");
        assertThatThrownBy(() -> TableExport.<String>sheet("empty").csv(List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no columns");
    }

    @Test
    @DisplayName("ORG-03 STAT-01: ten thousand rows stream into a workbook and a CSV with every row")
    void manyRows() throws IOException {
        List<Integer> rows = IntStream.range(0, 10_000).boxed().toList();
        TableExport<Integer> export = TableExport.<Integer>sheet("n").number("序号", i -> i).text("名称", i -> "机构" + i);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.xlsx(rows)))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(10_000);
            assertThat(workbook.getSheetAt(0).getRow(10_000).getCell(1).getStringCellValue()).isEqualTo("机构9999");
        }
        String csv = new String(export.csv(rows), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(10_001);
    }

    @Test
    @DisplayName("ORG-03: an empty result still has its heading row")
    void empty() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(EXPORT.xlsx(List.of())))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("机构代码");
        }
        assertThat(new String(EXPORT.csv(List.of()), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF机构代码,机构名称,终端数,占比,登记日期,变更时间\r\n");
    }
}
