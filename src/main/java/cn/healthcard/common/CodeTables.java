package cn.healthcard.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The national code tables shipped with the application, loaded once from {@code classpath:codes/} on first use.
 * Each table's {@code version()} is the name of its file; {@code codes/README.md} says where the files come from and
 * how to update them.
 */
public final class CodeTables {

    private static final String DOCUMENT_TYPES = "cv02-01-101-document-type";
    private static final String SEXES = "gbt2261-sex";
    private static final String ETHNICITIES = "gb3304-ethnicity";
    private static final String REGIONS = "gb2260-2021";

    private CodeTables() {
    }

    /** Document types (证件类型), WS 364 CV02.01.101: 01 居民身份证 … 07, 99. */
    public static CodeTable documentTypes() {
        return DocumentTypes.TABLE;
    }

    /** Sexes (性别), GB/T 2261.1: 0, 1, 2, 9. */
    public static CodeTable sexes() {
        return Sexes.TABLE;
    }

    /** Ethnic groups (民族), GB 3304: 01 汉族 … 56 基诺族, 97 其他, 98 外国血统中国籍人士. */
    public static CodeTable ethnicities() {
        return Ethnicities.TABLE;
    }

    /** Administrative divisions (行政区划), GB/T 2260, 2021 edition. */
    public static RegionTable regions() {
        return Regions.TABLE;
    }

    private static final class DocumentTypes {
        static final CodeTable TABLE = codeTable(DOCUMENT_TYPES);
    }

    private static final class Sexes {
        static final CodeTable TABLE = codeTable(SEXES);
    }

    private static final class Ethnicities {
        static final CodeTable TABLE = codeTable(ETHNICITIES);
    }

    private static final class Regions {
        static final RegionTable TABLE = regionTable(REGIONS);
    }

    private static CodeTable codeTable(String name) {
        List<CodeTable.Code> codes = read(name, "code,name").stream()
                .map(fields -> new CodeTable.Code(fields[0], fields[1]))
                .toList();
        return new CodeTable(name, codes);
    }

    private static RegionTable regionTable(String name) {
        List<RegionTable.Region> regions = read(name, "code,name,level,parent").stream()
                .map(fields -> new RegionTable.Region(fields[0], fields[1], level(fields[2]),
                        fields[3].isEmpty() ? null : fields[3]))
                .toList();
        return new RegionTable(name, regions);
    }

    private static RegionCode.Level level(String level) {
        return switch (level) {
            case "province" -> RegionCode.Level.PROVINCE;
            case "prefecture" -> RegionCode.Level.CITY;
            case "county" -> RegionCode.Level.COUNTY;
            default -> throw new IllegalStateException("Unknown region level: " + level);
        };
    }

    /** Reads a UTF-8 CSV without quoting whose first line is {@code header}; blank lines are skipped. */
    private static List<String[]> read(String name, String header) {
        String resource = "codes/" + name + ".csv";
        int columns = header.split(",").length;
        try (InputStream in = CodeTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Code table not found on the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (!header.equals(reader.readLine())) {
                throw new IllegalStateException(resource + ": the first line must be " + header);
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            for (int number = 2; (line = reader.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns + " fields");
                }
                rows.add(fields);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
