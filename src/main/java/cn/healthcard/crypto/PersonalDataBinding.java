package cn.healthcard.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Where a personal-data value is stored: table, column and the row's identity (decision 022). Its
 * {@link #encoded() encoding} is authenticated with the ciphertext (GCM additional data), so a value copied into
 * another row or another column does not decrypt.
 *
 * @param table  the table, lower case (e.g. {@code resident})
 * @param column the column, lower case (e.g. {@code name_enc})
 * @param row    the row identity known when the value is first written: the primary key, or for a table whose key
 *               the database assigns on insert a unique key of the row (for {@code card_event}: card number and
 *               sequence number); each part as text
 */
public record PersonalDataBinding(String table, String column, List<String> row) {

    /** The format of {@link #encoded()}; a change of the encoding needs a new ciphertext magic as well. */
    private static final int MAX_PART = 0xFFFF;

    public PersonalDataBinding {
        table = name(table, "table");
        column = name(column, "column");
        if (row == null || row.isEmpty() || row.stream().anyMatch(p -> p == null || p.isEmpty())) {
            throw new IllegalArgumentException("A personal-data binding needs the row identity of " + table + "."
                    + column + " (is the id assigned only on insert? bind a unique key known before)");
        }
        row = List.copyOf(row);
    }

    /** A binding to a row identified by one value (its primary key). */
    public static PersonalDataBinding of(String table, String column, Object id) {
        return new PersonalDataBinding(table, column, List.of(id == null ? "" : String.valueOf(id)));
    }

    private static String name(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A personal-data binding needs a " + what);
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The bytes authenticated with the ciphertext: a count (1 byte: 2 + number of row parts), then for the table,
     * the column and each row part its UTF-8 length (2 bytes, big-endian) and its UTF-8 bytes. Lengths make the
     * encoding unambiguous (no separator a value could contain).
     */
    public byte[] encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int parts = 2 + row.size();
        if (parts > 0xFF) {
            throw new IllegalArgumentException("Too many row parts in " + this);
        }
        out.write(parts);
        part(out, table);
        part(out, column);
        row.forEach(p -> part(out, p));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PART) {
            throw new IllegalArgumentException("A personal-data binding part is longer than " + MAX_PART + " bytes");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public String toString() {
        return table + "." + column + " of row " + String.join("/", row);
    }
}
