package cn.healthcard.institution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-made .xlsx files for attacks on the import (INT-01): the smallest package POI opens, with a sheet written
 * straight into the zip, so a few hundred KiB can hold hundreds of MiB of sheet XML.
 */
public final class CraftedXlsx {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

    /** Writes the rows of a sheet after the header row (row 1). */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    private CraftedXlsx() {
    }

    /** The header row, then {@code rows} rows of one inline cell each, without row numbers (1 KiB of zip ≈ 1 MiB). */
    public static byte[] manyRows(int rows) {
        return of(out -> {
            for (int i = 0; i < rows; i++) {
                out.write("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
            }
        });
    }

    /** The header row, then one row whose first cell holds {@code chars} characters. */
    public static byte[] hugeCell(int chars) {
        return of(out -> {
            out.write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            char[] block = new char[8192];
            java.util.Arrays.fill(block, 'A');
            for (int left = chars; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(left, block.length));
            }
            out.write("</t></is></c></row>");
        });
    }

    /** The header row, {@code blank} empty rows (written as {@code <row r="n"/>}), then one data row. */
    public static byte[] blankRowsThenData(int blank) {
        return of(out -> {
            for (int r = 2; r < blank + 2; r++) {
                out.write("<row r=\"" + r + "\"/>");
            }
            int r = blank + 2;
            out.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>A-1</t></is></c></row>");
        });
    }

    /** A package with the header row and the body's rows on its only sheet. */
    public static byte[] of(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            entry(zip, out, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
                    + "package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/"
                    + "sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml."
                    + "worksheet+xml\"/></Types>");
            entry(zip, out, "_rels/.rels", "<Relationships xmlns=\"" + PKG_REL + "\"><Relationship Id=\"rId1\" "
                    + "Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(zip, out, "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\"><sheets>"
                    + "<sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, out, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + PKG_REL + "\"><Relationship "
                    + "Id=\"rId1\" Type=\"" + REL + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">");
            for (int i = 0; i < InstitutionRow.HEADERS.size(); i++) {
                out.write("<c t=\"inlineStr\"><is><t>" + InstitutionRow.HEADERS.get(i) + "</t></is></c>");
            }
            out.write("</row>");
            body.write(out);
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, Writer out, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
        out.flush();
        zip.closeEntry();
    }
}
