package cn.healthcard.institution;

import cn.healthcard.common.DomainValidationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 * Reads an import file into rows: CSV (UTF-8, a BOM is skipped) or .xlsx (first sheet, streamed). The first line must be the
 * headers of {@link InstitutionRow#HEADERS} in that order; blank lines are skipped; the row number is the line of the
 * file (headers = line 1). Decision 023.
 */
final class ImportFiles {

    private ImportFiles() {
    }

    static List<InstitutionRow> read(String fileName, InputStream in, int maxRows) throws IOException {
        return read(fileName, in, maxRows, Long.MAX_VALUE);
    }

    /** As {@link #read(String, InputStream, int)}, refusing a file longer than {@code maxBytes} naming {@code file}. */
    static List<InstitutionRow> read(String fileName, InputStream raw, int maxRows, long maxBytes) throws IOException {
        InputStream in = new Bounded(raw, maxBytes);
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
                if (parser.getRecordNumber() - 1 > maxRows) { // every record counts, blank ones too
                    throw tooMany(maxRows);
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
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

    /** The first sheet, streamed ({@link ImportSheet}): at most {@code maxRows} rows below the header, blank too. */
    private static List<InstitutionRow> xlsx(InputStream in, int maxRows) throws IOException {
        List<InstitutionRow> rows = new ArrayList<>();
        boolean[] header = {true};
        ImportSheet.read(in, InstitutionRow.HEADERS.size(), maxRows + 1, (line, values) -> {
            if (header[0]) {
                checkHeaders(values);
                header[0] = false;
                return;
            }
            if (values.stream().allMatch(String::isBlank)) {
                return;
            }
            rows.add(InstitutionRow.of(line, values));
        });
        if (header[0]) {
            throw new DomainValidationException("file", "文件是空的");
        }
        return rows;
    }

    private static void checkHeaders(List<String> values) {
        List<String> given = values.stream().map(v -> v == null ? "" : v.strip()).toList();
        int n = InstitutionRow.HEADERS.size();
        boolean extraBlank = given.size() >= n && given.subList(n, given.size()).stream().allMatch(String::isEmpty);
        if (!extraBlank || !given.subList(0, n).equals(InstitutionRow.HEADERS)) {
            throw headers();
        }
    }

    private static DomainValidationException headers() {
        return new DomainValidationException("file", "第1行应为表头：" + String.join(",", InstitutionRow.HEADERS));
    }

    static DomainValidationException tooMany(int maxRows) {
        return new DomainValidationException("file", "一次最多导入" + maxRows + "行");
    }

    /** Counts the bytes read and refuses to read more than the limit: an upload, or a part of an .xlsx inflated. */
    static final class Bounded extends java.io.FilterInputStream {
        private final long limit;
        private final java.util.function.Supplier<DomainValidationException> refusal;
        private long count;

        Bounded(InputStream in, long limit) {
            this(in, limit, () -> new DomainValidationException("file", "文件不能超过" + limit + "字节"));
        }

        Bounded(InputStream in, long limit, java.util.function.Supplier<DomainValidationException> refusal) {
            super(in);
            this.limit = limit;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw refusal.get();
            }
        }
    }
}
