package cn.healthcard.supervision.internal;

import cn.healthcard.common.CodeTables;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.UsageRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Production (SUP-01), issuing (SUP-02), usage (SUP-03) and assessment (SUP-04) as plain GROUP BY over the source
 * tables (decision 036): the database sums per China day and region or institution; Java folds the days into the
 * filter's periods and the regions into the scope's next level.
 */
@Component
class FlowQueries {

    /** Upper bounds (hours) of the buckets the 90th percentile of handling time is read from. */
    static final double[] BUCKET_HOURS = {1, 2, 4, 8, 24, 48, 72, 168, 336, 720};

    private final Sql sql;
    private final RollupReads rollups;
    private final AssessmentFold assessmentFold;
    private final Duration overdueAfter;
    private final boolean rollup;
    private final Clock clock;

    FlowQueries(Sql sql, RollupReads rollups, AssessmentFold assessmentFold, Clock clock,
                @Value("${healthcard.statistics.task-overdue-after:P2D}") Duration overdueAfter,
                @Value("${healthcard.statistics.source:rollup}") String source) {
        this.sql = sql;
        this.rollups = rollups;
        this.assessmentFold = assessmentFold;
        this.overdueAfter = overdueAfter;
        this.clock = clock;
        if (!source.equals("plain") && !source.equals("rollup")) {
            throw new IllegalStateException("healthcard.statistics.source must be plain or rollup, not " + source);
        }
        this.rollup = source.equals("rollup");
    }

    /** Whether issuing, card uses and cards by status are read from the rollups (decision 036). */
    boolean rollup() {
        return rollup;
    }

    /** SUP-01 per batch: released in the range, by the maker; ordered = cards in the batch. */
    List<ProductionRow> production(Scope s) {
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        String day = sql.chinaDay("b.released_at");
        StringBuilder q = new StringBuilder("SELECT " + day + ", b.maker_code, p.plan_no, b.batch_no, b.card_count, "
                + "b.produced, b.failed, b.destroyed FROM production_batch b JOIN production_plan p ON p.id = b.plan_id"
                + " WHERE b.released_at >= ? AND b.released_at < ?");
        Sql.scope(q, args, s, "b.region_code", "b.centre_code");
        if (s.makerCode() != null) {
            q.append(" AND b.maker_code = ?");
            args.add(s.makerCode());
        }
        q.append(" ORDER BY 1, 2, 3, 4");
        List<Object[]> raw = sql.jdbc.query(q.toString(), (rs, i) -> new Object[]{Sql.date(rs.getObject(1)),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8)}, args.toArray());
        Map<String, String> names = sql.institutionNames(raw.stream().map(r -> (String) r[1]).toList());
        return raw.stream().map(r -> {
            long ordered = (long) r[4];
            long made = (long) r[5];
            long failed = (long) r[6];
            long scrapped = (long) r[7];
            long answered = made + failed + scrapped;
            return new ProductionRow(Periods.label((LocalDate) r[0], s.granularity()), (String) r[1],
                    names.getOrDefault((String) r[1], (String) r[1]), (String) r[2], (String) r[3], ordered, made,
                    failed, scrapped, Math.max(0, ordered - answered), percent(answered, ordered),
                    percent(made, answered));
        }).toList();
    }

    /**
     * SUP-02 per period, region (the scope's next level) and desk: applied = applications submitted; made = cards
     * produced; issued = application cards that reached their desk ({@link #arrivals}); signed = picked up;
     * unsigned = issued in the period and not picked up by its end.
     */
    List<IssuingRow> issuing(Scope s) {
        return issuing(s, rollup);
    }

    List<IssuingRow> issuing(Scope s, boolean fromRollup) {
        Map<List<String>, long[]> sums = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        if (fromRollup) {
            issuingRollup(s, sums);
        } else {
            issuingPlain(s, sums);
        }
        Map<String, String> names = sql.institutionNames(sums.keySet().stream().map(k -> k.get(2)).toList());
        var regions = CodeTables.regions();
        return sums.entrySet().stream().map(e -> {
            List<String> k = e.getKey();
            long[] v = e.getValue();
            return new IssuingRow(k.get(0), k.get(1), regions.name(k.get(1)).orElse(k.get(1)), k.get(2),
                    names.getOrDefault(k.get(2), k.get(2)), v[0], v[1], v[2], v[3], v[4]);
        }).toList();
    }

    /** Every column from the rollups (issued and unsigned: ARRIVED and ARRIVED_PICKED, decision 040). */
    private void issuingRollup(Scope s, Map<List<String>, long[]> sums) {
        for (int slot = 0; slot < 5; slot++) {
            issuingRollup(s, sums, slot);
        }
    }

    /**
     * One column (0 applied, 1 made, 2 issued, 3 signed, 4 unsigned) from the rollups; issued and unsigned (both in
     * the one slot 2 read) from ARRIVED and ARRIVED_PICKED ({@link #issuedRollup}).
     */
    private void issuingRollup(Scope s, Map<List<String>, long[]> sums, int slot) {
        switch (slot) {
            case 0 -> rollups.byDay("APPLIED", s, null, rs -> {
                row(sums, s, rs.getObject(1), rs.getString(2), rs.getString(3))[0] += rs.getLong(5);
            });
            case 1 -> rollups.byDay("MADE", s, null, rs -> {
                row(sums, s, rs.getObject(1), rs.getString(2), rs.getString(3))[1] += rs.getLong(5);
            });
            case 2 -> issuedRollup(s, sums);
            case 3 -> rollups.byDim1Day("PICKED", s, rs -> {
                row(sums, s, LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3))[3] += rs.getLong(4);
            });
            default -> {
                // unsigned comes with issued
            }
        }
    }

    /**
     * Issued per arrival day (ARRIVED), and of those not signed for by the end of their period: the arrivals minus
     * the ones picked up in the arrival's period on or before the range's last day (ARRIVED_PICKED, decision 040) —
     * {@link #issuedPlain}'s numbers without reading the logistics data.
     */
    private void issuedRollup(Scope s, Map<List<String>, long[]> sums) {
        rollups.byDay("ARRIVED", s, null, rs -> {
            long[] r = row(sums, s, rs.getObject(1), rs.getString(2), rs.getString(3));
            r[2] += rs.getLong(5);
            r[4] += rs.getLong(5);
        });
        rollups.pickedWithin(s, "stat_date, region_code, institution_code", rs -> {
            row(sums, s, rs.getObject(1), rs.getString(2), rs.getString(3))[4] -= rs.getLong(4);
        });
    }

    private static long[] row(Map<List<String>, long[]> sums, Scope s, Object day, String region,
                              String institution) {
        return sums.computeIfAbsent(key(s, Sql.date(day), region, institution), k -> new long[5]);
    }

    /**
     * The series of one issuing column per period (decision 040): applied, made, issued and unsigned summed per day
     * in the database from the rollups; signed (and the plain source) through its own query only (issued and
     * unsigned share one).
     */
    void issuingSeries(Scope s, int slot, Map<String, Long> values) {
        issuingSeries(s, slot, rollup, values);
    }

    void issuingSeries(Scope s, int slot, boolean fromRollup, Map<String, Long> values) {
        if (fromRollup && slot <= 1) {
            rollups.grouped(slot == 0 ? "APPLIED" : "MADE", s, "stat_date", null, rs -> {
                values.merge(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), rs.getLong(2), Long::sum);
            });
            return;
        }
        if (fromRollup && (slot == 2 || slot == 4)) {
            org.springframework.jdbc.core.RowCallbackHandler add = rs -> {
                values.merge(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), rs.getLong(2), Long::sum);
            };
            rollups.grouped("ARRIVED", s, "stat_date", null, add);
            if (slot == 4) {
                rollups.pickedWithin(s, "stat_date", rs -> {
                    values.merge(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), -rs.getLong(2), Long::sum);
                });
            }
            return;
        }
        Map<List<String>, long[]> sums = new java.util.HashMap<>();
        int read = slot == 4 ? 2 : slot;
        if (fromRollup) {
            issuingRollup(s, sums, read);
        } else {
            issuingPlain(s, sums, read);
        }
        sums.forEach((k, v) -> values.merge(k.get(0), v[slot], Long::sum));
    }

    private void issuingPlain(Scope s, Map<List<String>, long[]> sums) {
        for (int slot = 0; slot < 4; slot++) {
            issuingPlain(s, sums, slot);
        }
    }

    private void issuingPlain(Scope s, Map<List<String>, long[]> sums, int slot) {
        switch (slot) {
            case 0 -> {
                String created = sql.chinaDay("a.created_at");
                daily("SELECT " + created + ", a.region_code, a.institution_code, COUNT(*) FROM card_application a"
                        + " WHERE a.created_at >= ? AND a.created_at < ?", "a.region_code", "a.institution_code",
                        created + ", a.region_code, a.institution_code", s, sums, 0);
            }
            case 1 -> {
                String produced = sql.chinaDay("c.produced_at");
                daily("SELECT " + produced + ", c.region_code, c.institution_code, COUNT(*) FROM card c"
                        + " WHERE c.produced_at >= ? AND c.produced_at < ?", "c.region_code", "c.institution_code",
                        produced + ", c.region_code, c.institution_code", s, sums, 1);
            }
            case 3 -> {
                String picked = sql.chinaDay("a.picked_up_at");
                daily("SELECT " + picked + ", a.region_code, a.institution_code, COUNT(*) FROM card_application a"
                        + " WHERE a.picked_up_at >= ? AND a.picked_up_at < ?", "a.region_code", "a.institution_code",
                        picked + ", a.region_code, a.institution_code", s, sums, 3);
            }
            default -> issuedPlain(s, sums);
        }
    }

    /**
     * The application cards that reached their desk in the range (decision 036, "issued"): received into stock at
     * the desk (the day of the desk's receipt, 签收入库), or an instant card registered in stock at its desk (the day
     * it was made). In stock or handed over there; a card lost or damaged on the way (and voided) is not. Columns
     * d (China day of arrival), case_no, region_code, institution_code, holder, status, picked_up_at (of this card).
     */
    String arrivals(Scope s, List<Object> args) {
        String columns = " d, a.id case_no, c.region_code, c.institution_code, c.resident_id holder, a.status,"
                + " CASE WHEN a.card_no = c.card_no THEN a.picked_up_at END picked_up_at";
        String atDesk = " AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')";
        StringBuilder q = new StringBuilder("SELECT " + sql.chinaDay("sh.received_at") + columns
                + " FROM shipment sh JOIN stock_item si ON si.shipment_no = sh.shipment_no"
                + " JOIN card c ON c.card_no = si.card_no JOIN card_application a ON a.id = c.application_id"
                + " WHERE sh.received_at >= ? AND sh.received_at < ?" + atDesk);
        args.add(s.utcFrom());
        args.add(s.utcUntil());
        Sql.scope(q, args, s, "c.region_code", "c.institution_code");
        q.append(" UNION ALL SELECT ").append(sql.chinaDay("c.produced_at")).append(columns)
                .append(" FROM card c JOIN stock_item si ON si.card_no = c.card_no AND si.shipment_no IS NULL")
                .append(" JOIN card_application a ON a.id = c.application_id")
                .append(" WHERE c.produced_at >= ? AND c.produced_at < ?").append(atDesk);
        args.add(s.utcFrom());
        args.add(s.utcUntil());
        Sql.scope(q, args, s, "c.region_code", "c.institution_code");
        return q.toString();
    }

    /** Issued per arrival day, and of those not signed for by the end of their period. */
    private void issuedPlain(Scope s, Map<List<String>, long[]> sums) {
        List<Object> args = new ArrayList<>();
        String picked = sql.chinaDay("ar.picked_up_at");
        String q = "SELECT ar.d, " + picked + ", ar.region_code, ar.institution_code, COUNT(*) FROM ("
                + arrivals(s, args) + ") ar GROUP BY ar.d, " + picked + ", ar.region_code, ar.institution_code";
        sql.jdbc.query(q, rs -> {
            LocalDate day = Sql.date(rs.getObject(1));
            LocalDate pickedUp = Sql.date(rs.getObject(2));
            long n = rs.getLong(5);
            long[] row = sums.computeIfAbsent(key(s, day, rs.getString(3), rs.getString(4)), k -> new long[5]);
            row[2] += n;
            if (pickedUp == null || pickedUp.isAfter(Periods.end(day, s.granularity(), s.to()))) {
                row[4] += n;
            }
        }, args.toArray());
    }

    /**
     * SUP-03 per period, region (the scope's next level) and stage: card uses (by scenario) and verified e-cards (by
     * scene); per medical institution as well when the scope is a city or below or the filter names an institution.
     * A national or province scope sums its institutions per next-level region (decision 040): institution code
     * {@code null}, name {@link #ALL_INSTITUTIONS}.
     */
    List<UsageRow> usage(Scope s) {
        return usage(s, rollup);
    }

    /** The institution name of a usage row that sums every institution of its region (decision 040). */
    static final String ALL_INSTITUTIONS = "各机构合计";

    List<UsageRow> usage(Scope s, boolean fromRollup) {
        Map<List<String>, long[]> sums = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)).thenComparing(k -> k.get(3)));
        if (fromRollup) {
            rollups.grouped("CARD_USE", s, "stat_date, " + usageGroups(s, "region_code", "institution_code")
                    + ", dim1", s.scenario(), rs -> {
                        usageRow(sums, s, rs, 0);
                    });
        } else {
            usesPlain(s, sums);
        }
        String columns = "v.count_date, " + usageGroups(s, "v.region_code", "v.institution_code") + ", v.scene";
        List<Object> args = new ArrayList<>(List.of(s.from(), s.to()));
        StringBuilder q = new StringBuilder("SELECT " + columns + ", SUM(v.verifications)"
                + " FROM ehc_verification_count v WHERE v.count_date BETWEEN ? AND ? AND v.outcome = 'VERIFIED'");
        Sql.scope(q, args, s, "v.region_code", "v.institution_code");
        if (s.scenario() != null) {
            q.append(" AND v.scene = ?");
            args.add(s.scenario());
        }
        q.append(" GROUP BY ").append(columns);
        sql.jdbc.query(q.toString(), rs -> {
            usageRow(sums, s, rs, 1);
        }, args.toArray());
        boolean each = s.perInstitution();
        Map<String, String> names = each ? sql.institutionNames(sums.keySet().stream().map(k -> k.get(2)).toList())
                : Map.of();
        return sums.entrySet().stream().map(e -> new UsageRow(e.getKey().get(0), e.getKey().get(1),
                each ? e.getKey().get(2) : null, each ? names.getOrDefault(e.getKey().get(2), e.getKey().get(2))
                : ALL_INSTITUTIONS, e.getKey().get(3), e.getValue()[0], e.getValue()[1])).toList();
    }

    /**
     * The series of card uses ({@code verifications} false) or verified e-cards per period: the database sums per
     * day over the whole scope, not per institution (decision 040).
     */
    void usageSeries(Scope s, boolean verifications, Map<String, Long> values) {
        usageSeries(s, verifications, rollup, values);
    }

    void usageSeries(Scope s, boolean verifications, boolean fromRollup, Map<String, Long> values) {
        org.springframework.jdbc.core.RowCallbackHandler add = rs -> {
            values.merge(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), rs.getLong(2), Long::sum);
        };
        List<Object> args = new ArrayList<>();
        StringBuilder q;
        String day;
        if (verifications) {
            day = "v.count_date";
            args.addAll(List.of(s.from(), s.to()));
            q = new StringBuilder("SELECT v.count_date, SUM(v.verifications) FROM ehc_verification_count v"
                    + " WHERE v.count_date BETWEEN ? AND ? AND v.outcome = 'VERIFIED'");
            Sql.scope(q, args, s, "v.region_code", "v.institution_code");
            if (s.scenario() != null) {
                q.append(" AND v.scene = ?");
                args.add(s.scenario());
            }
        } else if (fromRollup) {
            rollups.grouped("CARD_USE", s, "stat_date", s.scenario(), add);
            return;
        } else {
            day = sql.chinaDay("u.used_at");
            args.addAll(List.of(s.utcFrom(), s.utcUntil()));
            q = new StringBuilder("SELECT " + day + ", COUNT(*) FROM card_use u WHERE u.used_at >= ?"
                    + " AND u.used_at < ?");
            Sql.scope(q, args, s, "u.region_code", "u.institution_code");
            if (s.scenario() != null) {
                q.append(" AND u.scenario = ?");
                args.add(s.scenario());
            }
        }
        q.append(" GROUP BY ").append(day);
        sql.jdbc.query(q.toString(), add, args.toArray());
    }

    /**
     * The usage rows' region and institution columns: both per institution, else the region's first digits of the
     * scope's next level (the province's two, a city's four), summed in the database.
     */
    private static String usageGroups(Scope s, String region, String institution) {
        return s.perInstitution() ? region + ", " + institution
                : "SUBSTR(" + region + ", 1, " + (s.prefix().length() + 2) + ")";
    }

    private void usesPlain(Scope s, Map<List<String>, long[]> sums) {
        String columns = sql.chinaDay("u.used_at") + ", " + usageGroups(s, "u.region_code", "u.institution_code")
                + ", u.scenario";
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        // the region kept on each use when it was recorded (decision 036; index card_use(region_code, used_at))
        StringBuilder q = new StringBuilder("SELECT " + columns + ", COUNT(*) FROM card_use u"
                + " WHERE u.used_at >= ? AND u.used_at < ?");
        Sql.scope(q, args, s, "u.region_code", "u.institution_code");
        if (s.scenario() != null) {
            q.append(" AND u.scenario = ?");
            args.add(s.scenario());
        }
        q.append(" GROUP BY ").append(columns);
        sql.jdbc.query(q.toString(), rs -> {
            usageRow(sums, s, rs, 0);
        }, args.toArray());
    }

    /** Adds a row (day, region, [institution,] stage, n) of {@link #usageGroups} to the slot of its period. */
    private static void usageRow(Map<List<String>, long[]> sums, Scope s, java.sql.ResultSet rs, int slot)
            throws java.sql.SQLException {
        boolean each = s.perInstitution();
        String region = (rs.getString(2).strip() + "000000").substring(0, 6);
        String institution = each ? rs.getString(3) : "";
        int stage = each ? 4 : 3;
        sums.computeIfAbsent(List.of(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), s.breakdown(region),
                institution, rs.getString(stage)), k -> new long[2])[slot] += rs.getLong(stage + 1);
    }

    /**
     * SUP-04 per institution of the person who completed the step: user tasks completed in the range (the engine's
     * history), hours from creation to completion (average; 90th percentile as the upper bound of its bucket),
     * reviews sent back and rejected (the audit log's review entries) and open tasks older than the limit.
     */
    List<AssessmentRow> assessment(Scope s) {
        return assessment(s, rollup);
    }

    /**
     * SUP-04 from the sources, or (decision 040) from the days {@link AssessmentFold} has folded plus the sources
     * from its watermark on: the same sums either way, so the same rows.
     */
    List<AssessmentRow> assessment(Scope s, boolean fromRollup) {
        Map<String, AssessmentFold.Sums> sums = new TreeMap<>();
        Map<String, String> regionOf = new java.util.HashMap<>();
        Scope tail = s;
        if (fromRollup) {
            LocalDate folded = assessmentFold.folded();
            if (s.from().isBefore(folded)) {
                LocalDate last = s.to().isBefore(folded) ? s.to() : folded.minusDays(1);
                assessmentFold.read(new Scope(s.from(), last, s.granularity(), s.prefix(), s.institutionCode(),
                        s.makerCode(), s.scenario(), false, s.status()), sums, regionOf);
            }
            tail = s.to().isBefore(folded) ? null : s.from().isBefore(folded) ? new Scope(folded, s.to(),
                    s.granularity(), s.prefix(), s.institutionCode(), s.makerCode(), s.scenario(), false, s.status())
                    : s;
        }
        if (tail != null) {
            assessmentPlain(tail, sums, regionOf);
        }
        Map<String, Long> overdue = overdueByInstitution(s, regionOf);
        overdue.keySet().forEach(k -> sums.computeIfAbsent(k, x -> new AssessmentFold.Sums()));
        Map<String, String> names = sql.institutionNames(sums.keySet());
        return sums.entrySet().stream().map(e -> {
            AssessmentFold.Sums r = e.getValue();
            Double p90 = null;
            for (int b = 0; b < BUCKET_HOURS.length && r.handled > 0; b++) {
                if (r.within[b] * 10 >= r.handled * 9) {
                    p90 = BUCKET_HOURS[b];
                    break;
                }
            }
            return new AssessmentRow(regionOf.get(e.getKey()), e.getKey(), names.getOrDefault(e.getKey(), e.getKey()),
                    r.handled, r.handled == 0 ? null : round(r.durationMs / (double) r.handled / 3_600_000d), p90,
                    r.reviews == 0 ? null : percent(r.sentBack, r.reviews),
                    r.reviews == 0 ? null : percent(r.rejected, r.reviews), overdue.getOrDefault(e.getKey(), 0L));
        }).toList();
    }

    /** The tasks completed and the reviews in the scope's range, from the engine's history and the audit log. */
    private void assessmentPlain(Scope s, Map<String, AssessmentFold.Sums> sums, Map<String, String> regionOf) {
        List<Object> args = new ArrayList<>(List.of(s.engineFrom(), s.engineUntil()));
        StringBuilder buckets = new StringBuilder();
        for (double h : BUCKET_HOURS) {
            buckets.append(", SUM(CASE WHEN t.DURATION_ <= ").append((long) (h * 3_600_000)).append(" THEN 1 ELSE 0 END)");
        }
        StringBuilder q = new StringBuilder("SELECT u.institution_code, i.region_code, COUNT(*), SUM(t.DURATION_)"
                + buckets + " FROM ACT_HI_TASKINST t JOIN app_user u ON u.username = t.ASSIGNEE_"
                + " JOIN institution i ON i.code = u.institution_code"
                + " WHERE t.END_TIME_ >= ? AND t.END_TIME_ < ? AND t.DELETE_REASON_ = 'completed'");
        Sql.scope(q, args, s, "i.region_code", "u.institution_code");
        q.append(" GROUP BY u.institution_code, i.region_code");
        sql.jdbc.query(q.toString(), rs -> {
            AssessmentFold.Sums r = sums.computeIfAbsent(rs.getString(1), k -> new AssessmentFold.Sums());
            regionOf.put(rs.getString(1), rs.getString(2).strip());
            r.handled += rs.getLong(3);
            r.durationMs += rs.getLong(4);
            for (int b = 0; b < BUCKET_HOURS.length; b++) {
                r.within[b] += rs.getLong(5 + b);
            }
        }, args.toArray());
        args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        q = new StringBuilder("SELECT e.institution_code, i.region_code, COUNT(*), "
                + "SUM(CASE WHEN e.detail LIKE 'RETURN%' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN e.detail LIKE 'REJECT%' THEN 1 ELSE 0 END) FROM audit_event e"
                + " JOIN institution i ON i.code = e.institution_code WHERE e.occurred_at >= ? AND e.occurred_at < ?"
                + " AND e.event_type IN " + AssessmentFold.REVIEW_EVENTS);
        Sql.scope(q, args, s, "i.region_code", "e.institution_code");
        q.append(" GROUP BY e.institution_code, i.region_code");
        sql.jdbc.query(q.toString(), rs -> {
            AssessmentFold.Sums r = sums.computeIfAbsent(rs.getString(1), k -> new AssessmentFold.Sums());
            regionOf.put(rs.getString(1), rs.getString(2).strip());
            r.reviews += rs.getLong(3);
            r.sentBack += rs.getLong(4);
            r.rejected += rs.getLong(5);
        }, args.toArray());
    }

    /**
     * Overdue (decision 036), the one definition the assessment, the drill-down and the dashboard share: open user
     * tasks (the inbox index joined with the engine's open tasks) created before now minus the limit, in the scope by
     * their case's region; the institution is the assignee's, and for a group task (no assignee) the case's desk (the
     * application's or the card request's).
     */
    static final String OVERDUE_INSTITUTION = "COALESCE(ou.institution_code, oa.institution_code, orq.institution_code)";

    /** {@code SELECT select FROM} the overdue tasks of the scope (and of the filter's institution); args appended. */
    StringBuilder overdue(String select, Scope s, List<Object> args) {
        args.add(overdueBefore());
        StringBuilder q = new StringBuilder("SELECT " + select + " FROM inbox_entry e JOIN ACT_RU_TASK t ON t.ID_ = e.task_id"
                + " LEFT JOIN app_user ou ON ou.username = t.ASSIGNEE_"
                + " LEFT JOIN card_application oa ON oa.id = e.business_key"
                + " LEFT JOIN card_request orq ON orq.id = e.business_key WHERE t.CREATE_TIME_ < ?");
        Sql.scope(q, args, s, "e.region_code", OVERDUE_INSTITUTION);
        return q;
    }

    /** Overdue tasks per institution (those without an institution are in the dashboard's total only). */
    private Map<String, Long> overdueByInstitution(Scope s, Map<String, String> regionOf) {
        List<Object> args = new ArrayList<>();
        StringBuilder q = overdue(OVERDUE_INSTITUTION + ", COUNT(*)", s, args);
        q.append(" GROUP BY ").append(OVERDUE_INSTITUTION);
        Map<String, Long> result = new java.util.HashMap<>();
        sql.jdbc.query(q.toString(), rs -> {
            if (rs.getString(1) != null) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }, args.toArray());
        if (!result.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(result.size(), "?"));
            sql.jdbc.query("SELECT code, region_code FROM institution WHERE code IN (" + marks + ")", rs -> {
                regionOf.putIfAbsent(rs.getString(1), rs.getString(2).strip());
            }, result.keySet().toArray());
        }
        return result;
    }

    /** Tasks created before this engine wall time are overdue. */
    LocalDateTime overdueBefore() {
        return LocalDateTime.now(clock.withZone(ZoneId.systemDefault())).minus(overdueAfter);
    }

    private void daily(String select, String regionColumn, String institutionColumn, String groupBy, Scope s,
                       Map<List<String>, long[]> sums, int slot) {
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        StringBuilder q = new StringBuilder(select);
        Sql.scope(q, args, s, regionColumn, institutionColumn);
        q.append(" GROUP BY ").append(groupBy);
        sql.jdbc.query(q.toString(), rs -> {
            sums.computeIfAbsent(key(s, Sql.date(rs.getObject(1)), rs.getString(2), rs.getString(3)),
                    k -> new long[5])[slot] += rs.getLong(4);
        }, args.toArray());
    }

    private static List<String> key(Scope s, LocalDate day, String region, String institution) {
        return List.of(Periods.label(day, s.granularity()), s.breakdown(region), institution);
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
