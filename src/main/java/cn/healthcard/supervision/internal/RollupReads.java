package cn.healthcard.supervision.internal;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rolled-up kind (decision 036): the folded day rows and the deltas not folded yet, together, summed per day,
 * region, institution and first dimension; limited to the scope, the range (of the day, or of the first dimension
 * holding a day) and optionally one value of the first dimension.
 */
@Component
class RollupReads {

    private final Sql sql;

    RollupReads(Sql sql) {
        this.sql = sql;
    }

    /** Rows (stat_date, region_code, institution_code, dim1, n) of the kind whose {@code stat_date} is in the range. */
    void byDay(String kind, Scope s, String dim1, RowCallbackHandler rows) {
        sum(kind, s, "stat_date BETWEEN ? AND ?", List.of(s.from(), s.to()), dim1,
                "stat_date, region_code, institution_code, dim1", "stat_date", rows);
    }

    /**
     * Rows (dim1, region_code, institution_code, n) of the kind whose first dimension (a day, yyyy-MM-dd) is in the
     * range, summed over their own days. The row's own day is on or before its first dimension's (a card is ready
     * before it is signed for), so {@code stat_date <= to} bounds the read.
     */
    void byDim1Day(String kind, Scope s, RowCallbackHandler rows) {
        sum(kind, s, "stat_date <= ? AND dim1 BETWEEN ? AND ?", List.of(s.to(), s.from().toString(),
                s.to().toString()), null, "dim1, region_code, institution_code", "dim1", rows);
    }

    /** Rows of the kind over every day (cards by status). */
    void allDays(String kind, Scope s, RowCallbackHandler rows) {
        read(kind, s, "1 = 1", List.of(), null, rows);
    }

    /**
     * Sums of the kind in the day range grouped by the given columns only (the database folds the days, regions and
     * institutions away): {@code columns} are expressions over stat_date, region_code, institution_code, dim1, dim2
     * (empty: one total row); rows are the columns, then the sum.
     */
    void grouped(String kind, Scope s, String columns, String dim1, RowCallbackHandler rows) {
        sum(kind, s, "stat_date BETWEEN ? AND ?", List.of(s.from(), s.to()), dim1, columns, "stat_date", rows);
    }

    /**
     * Sums of ARRIVED_PICKED (decision 040) in the day range grouped by the given columns: the arrivals signed for by
     * the end of their period, cut at the range's last day (the pick-up day, dim1, on or before it; dim2 names the
     * granularities whose period holds both days).
     */
    void pickedWithin(Scope s, String columns, RowCallbackHandler rows) {
        sum("ARRIVED_PICKED", s, "stat_date BETWEEN ? AND ? AND dim1 <= ? AND dim2 LIKE ?", List.of(s.from(), s.to(),
                s.to().toString(), "%" + s.granularity().name().charAt(0) + "%"), null, columns, "stat_date", rows);
    }

    private void read(String kind, Scope s, String range, List<Object> rangeArgs, String dim1,
                      RowCallbackHandler rows) {
        sum(kind, s, range, rangeArgs, dim1, "stat_date, region_code, institution_code, dim1", null, rows);
    }

    /**
     * The day column {@code column} (stat_date, or dim1 holding yyyy-MM-dd) as the first day in the range of its
     * period (decision 040): by week or month the database sums whole periods, so a year by month returns 12 rows
     * per desk instead of 365; the callers label the day with {@link Periods#label}, which gives the same label.
     * By day: the column itself. Literals of dates the range gives, never input.
     */
    static String period(String column, Scope s) {
        if (s.granularity() == cn.healthcard.supervision.Granularity.DAY) {
            return column;
        }
        List<java.time.LocalDate> starts = new ArrayList<>();
        String last = null;
        for (java.time.LocalDate d = s.from(); !d.isAfter(s.to()); d = d.plusDays(1)) {
            String label = Periods.label(d, s.granularity());
            if (!label.equals(last)) {
                starts.add(d);
                last = label;
            }
        }
        boolean text = column.equals("dim1");
        java.util.function.Function<java.time.LocalDate, String> literal = d -> text ? "'" + d + "'"
                : "DATE '" + d + "'";
        StringBuilder q = new StringBuilder("CASE");
        for (int i = 1; i < starts.size(); i++) {
            q.append(" WHEN ").append(column).append(" < ").append(literal.apply(starts.get(i))).append(" THEN ")
                    .append(literal.apply(starts.get(i - 1)));
        }
        return starts.size() == 1 ? literal.apply(starts.get(0))
                : q.append(" ELSE ").append(literal.apply(starts.get(starts.size() - 1))).append(" END").toString();
    }

    private void sum(String kind, Scope s, String range, List<Object> rangeArgs, String dim1, String columns,
                     String periodColumn, RowCallbackHandler rows) {
        List<Object> args = new ArrayList<>();
        String groups = columns.replaceAll("\\b(stat_date|region_code|institution_code|dim1|dim2)\\b", "x.$1");
        StringBuilder q = new StringBuilder("SELECT ").append(groups.isEmpty() ? "" : groups + ", ")
                .append("SUM(x.n) FROM (");
        for (String table : List.of("stat_day", "stat_delta")) {
            if (table.equals("stat_delta")) {
                q.append(" UNION ALL ");
            }
            q.append("SELECT ").append("stat_date".equals(periodColumn) ? period("stat_date", s) + " stat_date"
                            : "stat_date").append(", region_code, institution_code, ")
                    .append("dim1".equals(periodColumn) ? period("dim1", s) + " dim1" : "dim1")
                    .append(", dim2, n FROM ").append(table)
                    .append(" WHERE kind = ? AND ").append(range);
            args.add(kind);
            args.addAll(rangeArgs);
            Sql.scope(q, args, s, "region_code", "institution_code");
            if (dim1 != null) {
                q.append(" AND dim1 = ?");
                args.add(dim1);
            }
        }
        q.append(") x").append(groups.isEmpty() ? "" : " GROUP BY " + groups);
        sql.jdbc.query(q.toString(), rows, args.toArray());
    }
}
