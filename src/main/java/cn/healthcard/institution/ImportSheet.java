package cn.healthcard.institution;

import cn.healthcard.common.DomainValidationException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Reads the first sheet of an .xlsx import file as a stream (POI's event API: {@link XSSFReader} and
 * {@link XSSFSheetXMLHandler}), never the whole workbook: a few MiB of zip can inflate to hundreds of MiB of sheet
 * XML. The upload goes to a temporary file (already bounded by the caller), every part read is bounded in inflated
 * bytes, every row counts towards the limit, blank or missing ones too, and reading stops at the first row past it.
 * Decision 023.
 */
final class ImportSheet {

    /** The most bytes one part (the sheet, the shared strings, the styles) may inflate to. */
    static final long MAX_PART_BYTES = 32L * 1024 * 1024;
    /** Smallest compressed/inflated ratio POI's zip reader accepts (1:50) on this path. */
    static final double MIN_INFLATE_RATIO = 0.02;

    static {
        // POI's zip limits are JVM-wide; the import is the only reader of OOXML in the application. Only tighten.
        if (ZipSecureFile.getMaxEntrySize() > MAX_PART_BYTES) {
            ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        }
        if (ZipSecureFile.getMinInflateRatio() < MIN_INFLATE_RATIO) {
            ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        }
    }

    private ImportSheet() {
    }

    /**
     * Streams the rows of the first sheet to {@code row} as (row number from 1, values of the first
     * {@code columns} cells); the values of later cells only say whether one is non-blank, as a last value "x".
     *
     * @param maxLines the most rows (with the header) the sheet may have, blank and missing ones included
     */
    static void read(InputStream in, int columns, int maxLines, BiConsumer<Integer, List<String>> row)
            throws IOException {
        Path file = Files.createTempFile("institution-import", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                SharedStrings strings = sharedStrings(pkg);
                StylesTable styles = styles(pkg);
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw new DomainValidationException("file", "文件是空的");
                }
                try (InputStream sheet = limited(sheets.next())) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings,
                            new Rows(columns, maxLines, row), new DataFormatter(Locale.ROOT), false));
                    parser.parse(new InputSource(sheet));
                }
            }
        } catch (SAXException e) {
            if (e.getCause() instanceof DomainValidationException d) {
                throw d;
            }
            throw invalid();
        } catch (UnsupportedFileFormatException | OpenXML4JException | POIXMLException
                 | org.apache.poi.EmptyFileException | ParserConfigurationException e) {
            throw invalid();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb") || String.valueOf(e.getMessage())
                    .contains("exceeded the max")) {
                throw new DomainValidationException("file", "文件解压后过大（每部分不能超过" + MAX_PART_BYTES
                        / 1024 / 1024 + "MiB，压缩比不能超过" + Math.round(1 / MIN_INFLATE_RATIO) + "倍）");
            }
            if (e.getCause() instanceof DomainValidationException d) {
                throw d;
            }
            throw invalid();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static SharedStrings sharedStrings(OPCPackage pkg) throws IOException, SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(pkg); // none: an empty table
        }
        try (InputStream s = limited(parts.get(0).getInputStream())) {
            return new ReadOnlySharedStringsTable(s, false);
        }
    }

    private static StylesTable styles(OPCPackage pkg) throws IOException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
        if (parts.isEmpty()) {
            return null;
        }
        try (InputStream s = limited(parts.get(0).getInputStream())) {
            return new StylesTable(s);
        }
    }

    private static DomainValidationException invalid() {
        return new DomainValidationException("file", "不是有效的.xlsx文件");
    }

    /** Collects one row's cells at a time and hands the row on; refuses a row past the limit as soon as it starts. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int columns;
        private final int maxLines;
        private final BiConsumer<Integer, List<String>> sink;
        private final String[] values;
        private boolean extra;
        private int nextColumn;
        private int rowsSeen;

        Rows(int columns, int maxLines, BiConsumer<Integer, List<String>> sink) {
            this.columns = columns;
            this.maxLines = maxLines;
            this.sink = sink;
            this.values = new String[columns];
        }

        @Override
        public void startRow(int rowNum) {
            // rowNum counts the blank and missing rows before it; rowsSeen the row elements, should they repeat
            if (rowNum >= maxLines || ++rowsSeen > maxLines) {
                throw ImportFiles.tooMany(maxLines - 1);
            }
            Arrays.fill(values, "");
            extra = false;
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            String v = value == null ? "" : value;
            if (column >= 0 && column < columns) {
                values[column] = v;
            } else if (!v.isBlank()) {
                extra = true;
            }
        }

        @Override
        public void endRow(int rowNum) {
            List<String> row = new ArrayList<>(columns + 1);
            row.addAll(Arrays.asList(values));
            if (extra) {
                row.add("x");
            }
            sink.accept(rowNum + 1, row);
        }
    }

    /** Refuses to inflate a part past {@link #MAX_PART_BYTES}. */
    private static InputStream limited(InputStream part) {
        return new ImportFiles.Bounded(part, MAX_PART_BYTES, () -> new DomainValidationException("file",
                "文件解压后过大（每部分不能超过" + MAX_PART_BYTES / 1024 / 1024 + "MiB）"));
    }
}
