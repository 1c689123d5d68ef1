package cn.healthcard.institution;

import cn.healthcard.common.DomainValidationException;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading import files (INT-01): CSV with or without BOM, .xlsx, headers, row numbers, limits. */
class ImportFilesTest {

    private static final String HEADER = String.join(",", InstitutionRow.HEADERS);

    private static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("INT-01 a UTF-8 CSV with a BOM: rows by line number, blank lines skipped, quoted commas kept")
    void csvWithBom() throws IOException {
        String csv = "\uFEFF" + HEADER + "\nA-1,甲医院,医疗卫生机构,110105\n\nB-2,\"乙,银行\",FINANCIAL,110000,,张三\n";
        List<InstitutionRow> rows = ImportFiles.read("x.CSV", utf8(csv), 10);
        assertThat(rows).extracting(InstitutionRow::rowNumber).containsExactly(2, 4);
        assertThat(rows.get(0).kind()).isEqualTo("医疗卫生机构");
        assertThat(rows.get(0).medicalCode()).isNull();
        assertThat(rows.get(1).name()).isEqualTo("乙,银行");
        assertThat(rows.get(1).contact()).isEqualTo("张三");
    }

    @Test
    @DisplayName("INT-01 the shipped template docs/examples/institution-import.csv reads with its 4 example rows")
    void template() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docs/examples/institution-import.csv"))) {
            List<InstitutionRow> rows = ImportFiles.read("institution-import.csv", in, 10);
            assertThat(rows).hasSize(4);
            assertThat(rows).allSatisfy(r -> assertThat(r.code()).isNotBlank());
            assertThat(CreditCode.isValid(rows.get(0).creditCode())).isTrue();
        }
    }

    @Test
    @DisplayName("INT-01 a CSV without BOM reads the same; wrong headers, other file types, non-UTF-8 and too many rows are refused naming file")
    void refusals() throws IOException {
        assertThat(ImportFiles.read("a.csv", utf8(HEADER + "\nA-1,甲\n"), 10)).hasSize(1);
        assertThatThrownBy(() -> ImportFiles.read("a.csv", utf8("代码,名称\nA,B\n"), 10))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file").hasMessageContaining("表头");
        assertThatThrownBy(() -> ImportFiles.read("a.txt", utf8(HEADER), 10))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining(".csv或.xlsx");
        byte[] gbk = (HEADER + "\nA-1,甲医院\n").getBytes("GBK");
        assertThatThrownBy(() -> ImportFiles.read("a.csv", new ByteArrayInputStream(gbk), 10))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file");
        assertThatThrownBy(() -> ImportFiles.read("a.csv", utf8(HEADER + "\nA\nB\nC\n"), 2))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("最多导入2行");
        assertThatThrownBy(() -> ImportFiles.read("a.csv", utf8(""), 2))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("空");
        assertThatThrownBy(() -> ImportFiles.read("a.csv", utf8(HEADER + "\nA-1,甲医院\n"), 10, 100))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file: 文件不能超过100字节");
        assertThatThrownBy(() -> ImportFiles.read("a.xlsx", utf8("not a workbook"), 2))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("xlsx");
    }

    @Test
    @DisplayName("INT-01 an .xlsx with the same header order: numeric cells read as their digits, row numbers as in Excel")
    void xlsx() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("机构");
            XSSFRow header = sheet.createRow(0);
            for (int i = 0; i < InstitutionRow.HEADERS.size(); i++) {
                header.createCell(i).setCellValue(InstitutionRow.HEADERS.get(i));
            }
            XSSFRow row = sheet.createRow(2); // a blank line 2
            row.createCell(0).setCellValue("A-1");
            row.createCell(1).setCellValue("甲医院");
            row.createCell(2).setCellValue("MEDICAL");
            row.createCell(3).setCellValue(110105); // a number, as Excel keeps typed codes
            book.write(out);
        }
        List<InstitutionRow> rows = ImportFiles.read("a.xlsx", new ByteArrayInputStream(out.toByteArray()), 10);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).rowNumber()).isEqualTo(3);
        assertThat(rows.get(0).regionCode()).isEqualTo("110105");
        assertThat(rows.get(0).phone()).isEmpty();
    }

    @Test
    @DisplayName("INT-01 an .xlsx of few KiB holding 100 MiB of rows (a zip bomb) is refused naming file, fast, without reading it all")
    void xlsxBombOfRows() {
        byte[] bomb = CraftedXlsx.manyRows(2_000_000); // ≈ 100 MiB of sheet XML
        assertThat(bomb.length).isLessThan(1024 * 1024); // well within the 4 MiB upload limit
        long started = System.nanoTime();
        assertThatThrownBy(() -> ImportFiles.read("bomb.xlsx", new ByteArrayInputStream(bomb),
                InstitutionImport.MAX_ROWS, InstitutionImport.MAX_BYTES))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file: ");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }

    @Test
    @DisplayName("INT-01 an .xlsx with one cell of 100 MiB is refused naming file: no part inflates past the limit")
    void xlsxBombOfOneCell() {
        byte[] bomb = CraftedXlsx.hugeCell(100 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> ImportFiles.read("cell.xlsx", new ByteArrayInputStream(bomb),
                InstitutionImport.MAX_ROWS, InstitutionImport.MAX_BYTES))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file: 文件解压后过大");
    }

    @Test
    @DisplayName("INT-01 blank rows of an .xlsx and blank records of a CSV count towards the row limit")
    void blankRowsCount() throws IOException {
        assertThat(ImportFiles.read("ok.xlsx", new ByteArrayInputStream(CraftedXlsx.blankRowsThenData(8)), 10))
                .extracting(InstitutionRow::rowNumber).containsExactly(10);
        assertThatThrownBy(() -> ImportFiles.read("blank.xlsx",
                new ByteArrayInputStream(CraftedXlsx.blankRowsThenData(100_000)), 10))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("file: 一次最多导入10行");
        // rows left out of the XML (a row number far below) count too
        byte[] gap = CraftedXlsx.of(out -> out.write(
                "<row r=\"500000\"><c r=\"A500000\" t=\"inlineStr\"><is><t>A-1</t></is></c></row>"));
        assertThatThrownBy(() -> ImportFiles.read("gap.xlsx", new ByteArrayInputStream(gap), 10))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("一次最多导入10行");
        assertThatThrownBy(() -> ImportFiles.read("blank.csv", utf8(HEADER + "\n" + ",,,\n".repeat(20) + "A-1\n"),
                10)).isInstanceOf(DomainValidationException.class).hasMessageContaining("一次最多导入10行");
    }

    @Test
    @DisplayName("INT-01 a full .xlsx of 20,000 ordinary rows (as Excel writes it) still reads under the zip limits")
    void fullXlsxReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("机构");
            XSSFRow header = sheet.createRow(0);
            for (int i = 0; i < InstitutionRow.HEADERS.size(); i++) {
                header.createCell(i).setCellValue(InstitutionRow.HEADERS.get(i));
            }
            for (int r = 1; r <= InstitutionImport.MAX_ROWS; r++) {
                String code = String.format("H-%06d", r);
                List<String> v = List.of(code, "测试医院" + code, "医疗卫生机构", "110105", "", "张联系",
                        "010-12345678", "测试路1号", "李院长", "公立", "综合医院", InstitutionTestData.creditCode("110105"),
                        "PDY" + r);
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < v.size(); c++) {
                    row.createCell(c).setCellValue(v.get(c));
                }
            }
            book.write(out);
        }
        List<InstitutionRow> rows = ImportFiles.read("full.xlsx", new ByteArrayInputStream(out.toByteArray()),
                InstitutionImport.MAX_ROWS, InstitutionImport.MAX_BYTES);
        assertThat(rows).hasSize(InstitutionImport.MAX_ROWS);
        assertThat(rows.get(rows.size() - 1).rowNumber()).isEqualTo(InstitutionImport.MAX_ROWS + 1);
        assertThat(rows.get(0).kind()).isEqualTo("医疗卫生机构");
    }
}
