package cn.healthcard.supervision.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds {@code stat_delta} into {@code stat_day} (decision 036): under the lock row, reads up to 10,000 deltas by
 * id, adds their sums to the day rows (UPDATE, else INSERT) and deletes exactly the deltas it read, in one
 * transaction. A delta committed meanwhile is left for the next fold; none is counted twice or lost, and the queries
 * read the day rows and the remaining deltas together, so nothing is missing between two folds.
 */
@Component
class StatFold {

    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    StatFold(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${healthcard.statistics.fold-interval:PT2S}")
    void scheduled() {
        while (foldOnce() == BATCH) {
            // more waiting: fold on
        }
    }

    /** One fold; the number of deltas folded. */
    int foldOnce() {
        Integer folded = tx.execute(status -> {
            jdbc.queryForList("SELECT id FROM stat_fold_lock WHERE id = 1 FOR UPDATE", Integer.class);
            Map<List<Object>, Long> sums = new LinkedHashMap<>();
            List<Long> ids = new ArrayList<>();
            jdbc.query("SELECT id, kind, stat_date, region_code, institution_code, dim1, dim2, n FROM stat_delta"
                    + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY", rs -> {
                ids.add(rs.getLong(1));
                LocalDate day = Sql.date(rs.getObject(3));
                sums.merge(List.of(rs.getString(2), day, rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)), rs.getLong(8), Long::sum);
            });
            sums.forEach((k, n) -> {
                if (jdbc.update("UPDATE stat_day SET n = n + ? WHERE kind = ? AND stat_date = ? AND region_code = ?"
                        + " AND institution_code = ? AND dim1 = ? AND dim2 = ?", n, k.get(0), k.get(1), k.get(2),
                        k.get(3), k.get(4), k.get(5)) == 0) {
                    jdbc.update("INSERT INTO stat_day (kind, stat_date, region_code, institution_code, dim1, dim2, n)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", k.get(0), k.get(1), k.get(2), k.get(3), k.get(4),
                            k.get(5), n);
                }
            });
            for (int i = 0; i < ids.size(); i += 500) {
                List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
                jdbc.update("DELETE FROM stat_delta WHERE id IN ("
                        + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray());
            }
            return ids.size();
        });
        return folded == null ? 0 : folded;
    }
}
