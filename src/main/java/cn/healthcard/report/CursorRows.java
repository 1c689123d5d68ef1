package cn.healthcard.report;

import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Rows read from a JDBC cursor, {@value #FETCH_SIZE} at a time, for an export of a million rows in constant heap:
 * {@code table.writeXlsx(CursorRows.of(jdbc, sql, mapper, args), out, notes, progress)}. The rows can be iterated
 * once; close it (try-with-resources) to release the cursor even when the export stops early.
 * <p>
 * PostgreSQL streams only inside a transaction (auto-commit off); call it from a {@code @Transactional(readOnly =
 * true)} method, or the driver reads the whole result first. H2 and Oracle honour the fetch size either way.
 *
 * @param <R> the type of a row
 */
public final class CursorRows<R> implements Iterable<R>, AutoCloseable {

    /** The rows fetched per round trip. */
    public static final int FETCH_SIZE = 1_000;

    private final Stream<R> stream;
    private boolean iterated;

    private CursorRows(Stream<R> stream) {
        this.stream = stream;
    }

    /** The rows of {@code sql} with its {@code ?} arguments, each mapped by {@code mapper}. */
    public static <R> CursorRows<R> of(JdbcTemplate jdbc, String sql, RowMapper<R> mapper, Object... args) {
        Objects.requireNonNull(jdbc, "jdbc");
        JdbcTemplate cursor = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource(), "dataSource"));
        cursor.setFetchSize(FETCH_SIZE);
        return new CursorRows<>(cursor.queryForStream(sql, mapper, args));
    }

    /** The rows; a second call fails (a cursor is read once). */
    @Override
    public Iterator<R> iterator() {
        if (iterated) {
            throw new IllegalStateException("a cursor's rows are read once");
        }
        iterated = true;
        return stream.iterator();
    }

    @Override
    public void close() {
        stream.close();
    }
}
