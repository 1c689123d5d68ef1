package cn.healthcard.supervision.internal;

import cn.healthcard.common.ChinaTime;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * SUP-04 from the rollup (decision 040): folds whole China days of the engine's completed user tasks (per day, region
 * and institution of the assignee: TASK_DONE per duration bucket, TASK_MS the durations' sum) and of the audit log's
 * reviews (REVIEWED per outcome: RETURN, REJECT, OTHER) into {@code stat_day}, from the watermark
 * ({@code stat_watermark} ASSESSMENT, the first day not folded) up to the last day that ended at least {@link #LAG}
 * ago, and moves the watermark there, under the fold's lock in one transaction. The assessment reads the folded days
 * and the source rows from the watermark on, so its numbers are those of the sources; a task or review committed
 * more than {@link #LAG} after its day ended would be missed by the fold (no business transaction runs that long).
 */
@Component
class AssessmentFold {

    static final String WATERMARK = "ASSESSMENT";
    /** A day is folded once it has been over this long. */
    static final Duration LAG = Duration.ofHours(1);
    /** The audit entries of a review (their detail starts with RETURN or REJECT when sent back or rejected). */
    static final String REVIEW_EVENTS = "('CardApplicationReviewed', 'CardRequestReviewed')";

    private final Sql sql;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RollupReads reads;

    AssessmentFold(Sql sql, TransactionTemplate tx, Clock clock, RollupReads reads) {
        this.sql = sql;
        this.reads = reads;
        this.tx = tx;
        this.clock = clock;
    }

    /** What an institution did in a range: tasks, their durations and duration buckets, reviews. */
    static final class Sums {
        long handled;
        long durationMs;
        /** Tasks that took at most {@link FlowQueries#BUCKET_HOURS}[b] hours. */
        final long[] within = new long[FlowQueries.BUCKET_HOURS.length];
        long reviews;
        long sentBack;
        long rejected;
    }

    @Scheduled(fixedDelayString = "${healthcard.statistics.assessment-fold-interval:PT10M}")
    void scheduled() {
        fold();
    }

    /** Folds the days due (in a transaction of its own, or the caller's); the number of days folded. */
    int fold() {
        return fold(LocalDate.ofInstant(clock.instant().minus(LAG), ChinaTime.ZONE));
    }

    /** Folds the days before {@code until} not folded yet. */
    int fold(LocalDate until) {
        Integer days = tx.execute(st -> {
            sql.jdbc.queryForList("SELECT id FROM stat_fold_lock WHERE id = 1 FOR UPDATE", Integer.class);
            LocalDate from = folded();
            if (!from.isBefore(until)) {
                return 0;
            }
            String insert = "INSERT INTO stat_day (kind, stat_date, region_code, institution_code, dim1, dim2, n) ";
            String tasks = " FROM ACT_HI_TASKINST t JOIN app_user u ON u.username = t.ASSIGNEE_"
                    + " JOIN institution i ON i.code = u.institution_code"
                    + " WHERE t.END_TIME_ >= ? AND t.END_TIME_ < ? AND t.DELETE_REASON_ = 'completed'";
            StringBuilder bucket = new StringBuilder("CASE");
            for (double h : FlowQueries.BUCKET_HOURS) {
                bucket.append(" WHEN t.DURATION_ <= ").append((long) (h * 3_600_000)).append(" THEN '")
                        .append((long) h).append('\'');
            }
            bucket.append(" ELSE 'more' END");
            String day = sql.engineChinaDay("t.END_TIME_");
            Object[] engineRange = {Scope.engine(from), Scope.engine(until)};
            sql.jdbc.update(insert + "SELECT 'TASK_DONE', x.d, x.r, x.c, x.b, '-', COUNT(*) FROM (SELECT " + day
                    + " d, i.region_code r, u.institution_code c, " + bucket + " b" + tasks + ") x"
                    + " GROUP BY x.d, x.r, x.c, x.b", engineRange);
            sql.jdbc.update(insert + "SELECT 'TASK_MS', x.d, x.r, x.c, '-', '-', SUM(x.ms) FROM (SELECT " + day
                    + " d, i.region_code r, u.institution_code c, t.DURATION_ ms" + tasks + ") x"
                    + " GROUP BY x.d, x.r, x.c", engineRange);
            sql.jdbc.update(insert + "SELECT 'REVIEWED', x.d, x.r, x.c, x.o, '-', COUNT(*) FROM (SELECT "
                    + sql.chinaDay("e.occurred_at") + " d, i.region_code r, e.institution_code c,"
                    + " CASE WHEN e.detail LIKE 'RETURN%' THEN 'RETURN' WHEN e.detail LIKE 'REJECT%' THEN 'REJECT'"
                    + " ELSE 'OTHER' END o FROM audit_event e JOIN institution i ON i.code = e.institution_code"
                    + " WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.event_type IN " + REVIEW_EVENTS
                    + ") x GROUP BY x.d, x.r, x.c, x.o", Scope.utc(from), Scope.utc(until));
            sql.jdbc.update("UPDATE stat_watermark SET folded_until = ? WHERE name = ?", until, WATERMARK);
            return (int) java.time.temporal.ChronoUnit.DAYS.between(from, until);
        });
        return days == null ? 0 : days;
    }

    /** The first day not folded yet. */
    LocalDate folded() {
        return Sql.date(sql.jdbc.queryForObject("SELECT folded_until FROM stat_watermark WHERE name = ?",
                Object.class, WATERMARK));
    }

    /** Clears the folded days (a rebuild): the next {@link #fold} folds everything again. */
    void reset() {
        sql.jdbc.update("UPDATE stat_watermark SET folded_until = ? WHERE name = ?", LocalDate.of(2000, 1, 1),
                WATERMARK);
    }

    /** Adds the folded days of the scope's range (all before the watermark) to the institutions' sums. */
    void read(Scope s, Map<String, Sums> sums, Map<String, String> regionOf) {
        for (String kind : List.of("TASK_DONE", "TASK_MS", "REVIEWED")) {
            reads.grouped(kind, s, "institution_code, region_code, dim1", null, rs -> {
                Sums r = sums.computeIfAbsent(rs.getString(1), k -> new Sums());
                regionOf.put(rs.getString(1), rs.getString(2).strip());
                String dim = rs.getString(3);
                long n = rs.getLong(4);
                switch (kind) {
                    case "TASK_MS" -> r.durationMs += n;
                    case "REVIEWED" -> {
                        r.reviews += n;
                        r.sentBack += dim.equals("RETURN") ? n : 0;
                        r.rejected += dim.equals("REJECT") ? n : 0;
                    }
                    default -> {
                        r.handled += n;
                        for (int b = 0; b < FlowQueries.BUCKET_HOURS.length; b++) {
                            if (!dim.equals("more") && Long.parseLong(dim) <= FlowQueries.BUCKET_HOURS[b]) {
                                r.within[b] += n;
                            }
                        }
                    }
                }
            });
        }
    }
}
