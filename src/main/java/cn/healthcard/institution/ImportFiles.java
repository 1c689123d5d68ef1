package cn.healthcard.institution;

import cn.healthcard.common.DomainValidationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an import file into rows: CSV (UTF-8, a BOM is skipped) or .xlsx (first sheet). The first line must be the
 * headers of {@link InstitutionRow#HEADERS} in that order; blank lines are skipped; the row number is the line of the
 * file (headers = line 1). Decision 023.
 */
final class ImportFiles {

    private ImportFiles() {
    }

    static List<InstitutionRow> read(String fileName, InputStream in, int maxRows) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(in, maxRows);
        }
        if (name.endsWith(".xlsx")) {
            return xlsx(in, maxRows);
        }
        throw new DomainValidationException("file", "只能导入.csv或.xlsx文件");
    }

    private static List<InstitutionRow> csv(InputStream raw, int maxRows) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<InstitutionRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                List<String> values = record.toList();
                if (header) {
                    checkHeaders(values);
                    header = false;
                    continue;
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                if (rows.size() >= maxRows) {
                    throw tooMany(maxRows);
                }
                rows.add(InstitutionRow.of((int) parser.getCurrentLineNumber(), values));
            }
            if (header) {
                throw new DomainValidationException("file", "文件是空的");
            }
        } catch (CharacterCodingException e) {
            throw new DomainValidationException("file", "文件不是UTF-8编码");
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DomainValidationException("file", "文件不是UTF-8编码");
            }
            throw e;
        } catch (IllegalStateException e) {
            throw new DomainValidationException("file", "CSV格式错误：" + e.getMessage());
        }
        return rows;
    }

    private static List<InstitutionRow> xlsx(InputStream in, int maxRows) throws IOException {
        List<InstitutionRow> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(in)) {
            if (book.getNumberOfSheets() == 0) {
                throw new DomainValidationException("file", "文件是空的");
            }
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(Locale.ROOT);
            int columns = InstitutionRow.HEADERS.size();
            boolean header = true;
            for (Row row : sheet) {
                List<String> values = new ArrayList<>(columns);
                int last = Math.max(columns, row.getLastCellNum());
                for (int c = 0; c < last; c++) {
                    Cell cell = row.getCell(c, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
                    values.add(cell == null ? "" : format.formatCellValue(cell));
                }
                if (header) {
                    checkHeaders(values);
                    header = false;
                    continue;
                }
                if (values.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (rows.size() >= maxRows) {
                    throw tooMany(maxRows);
                }
                rows.add(InstitutionRow.of(row.getRowNum() + 1, values));
            }
            if (header) {
                throw new DomainValidationException("file", "文件是空的");
            }
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                 | org.apache.poi.ooxml.POIXMLException | org.apache.poi.EmptyFileException e) {
            throw new DomainValidationException("file", "不是有效的.xlsx文件");
        }
        return rows;
    }

    private static void checkHeaders(List<String> values) {
        List<String> given = values.stream().map(v -> v == null ? "" : v.strip()).toList();
        int n = InstitutionRow.HEADERS.size();
        boolean extraBlank = given.size() >= n && given.subList(n, given.size()).stream().allMatch(String::isEmpty);
        if (!extraBlank || !given.subList(0, n).equals(InstitutionRow.HEADERS)) {
            throw new DomainValidationException("file", "第1行应为表头：" + String.join(",", InstitutionRow.HEADERS));
        }
    }

    private static DomainValidationException tooMany(int maxRows) {
        return new DomainValidationException("file", "一次最多导入" + maxRows + "行");
    }
}
