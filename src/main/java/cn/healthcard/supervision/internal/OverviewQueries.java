package cn.healthcard.supervision.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.OverviewRow;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The overview (STAT-01, LC-07), the application categories (APP-04) and the home dashboard, as plain GROUP BY over
 * the modules' tables, scoped to the caller's region (decision 036).
 */
@Component
class OverviewQueries {

    private static final Map<String, String> SAM_STATES = Map.of("ACTIVE", "正常", "FROZEN", "冻结",
            "CANCELLED", "注销");
    private static final Map<String, String> SEXES = Map.of("1", "男", "2", "女", "0", "未知", "9", "未说明");
    private static final Map<String, String> CHANNELS = Map.of("UI", "窗口", "API", "接口", "PROCESS", "流程", "COMMAND", "命令");

    private final Sql sql;
    private final FlowQueries flows;
    private final RollupReads rollups;
    private final Clock clock;

    OverviewQueries(Sql sql, FlowQueries flows, RollupReads rollups, Clock clock) {
        this.sql = sql;
        this.flows = flows;
        this.rollups = rollups;
        this.clock = clock;
    }

    List<OverviewRow> overview(Scope s) {
        return overview(s, flows.rollup());
    }

    /**
     * STAT-01: institutions (active, by kind), cards (by status), SAM cards (by state), product filings (by status;
     * national, so only for the national scope), products in use (quantities by product type); LC-07: card requests
     * submitted in the range (by type). Counts are as of now except the requests.
     */
    List<OverviewRow> overview(Scope s, boolean fromRollup) {
        List<OverviewRow> rows = new ArrayList<>();
        group(rows, "INSTITUTIONS", "SELECT kind, COUNT(*) FROM institution WHERE active = ?", "region_code",
                "kind", s, k -> label(() -> InstitutionKind.valueOf(k).nameZh(), k), null, true);
        if (fromRollup) {
            Map<String, Long> statuses = new TreeMap<>();
            rollups.allDays("CARD_STATUS", s, rs -> {
                statuses.merge(rs.getString(4), rs.getLong(5), Long::sum);
            });
            statuses.forEach((k, n) -> {
                if (n != 0) {
                    rows.add(new OverviewRow("CARDS", k, label(() -> CardStatus.valueOf(k).nameZh(), k), n));
                }
            });
        } else {
            group(rows, "CARDS", "SELECT status, COUNT(*) FROM card WHERE 1 = 1", "region_code", "status", s,
                    k -> label(() -> CardStatus.valueOf(k).nameZh(), k), "institution_code");
        }
        group(rows, "SAM", "SELECT state, COUNT(*) FROM sam_card WHERE 1 = 1", "place_region", "state", s,
                k -> SAM_STATES.getOrDefault(k, k), "institution_code");
        if (s.prefix().isEmpty()) {
            List<Object> args = new ArrayList<>();
            sql.jdbc.query("SELECT status, COUNT(*) FROM product_filing GROUP BY status ORDER BY status",
                    rs -> {
                        rows.add(new OverviewRow("FILINGS", rs.getString(1), rs.getString(1), rs.getLong(2)));
                    }, args.toArray());
        }
        group(rows, "USE", "SELECT f.product_type, SUM(u.quantity) FROM filing_in_use u"
                + " JOIN product_filing f ON f.id = u.filing_id WHERE 1 = 1", "u.region_code", "f.product_type", s,
                UnaryOperator.identity(), "u.institution_code");
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        StringBuilder q = new StringBuilder("SELECT request_type, COUNT(*) FROM card_request"
                + " WHERE created_at >= ? AND created_at < ?");
        Sql.scope(q, args, s, "region_code", "institution_code");
        q.append(" GROUP BY request_type ORDER BY request_type");
        sql.jdbc.query(q.toString(), rs -> {
            String k = rs.getString(1);
            rows.add(new OverviewRow("REQUESTS", k, label(() -> RequestType.valueOf(k).nameZh(), k), rs.getLong(2)));
        }, args.toArray());
        return rows;
    }

    List<OverviewRow> applicationCategories(Scope s) {
        return applicationCategories(s, flows.rollup());
    }

    /**
     * APP-04: applications submitted in the range by sex, age band (the holder's age on the day of the application,
     * decision 040; "unknown" without a birth date), document type (its name from the code table), channel. From
     * the rollup APP_CAT (dim1 {@code sex|band}, dim2 {@code type|channel}) or from the applications and residents.
     */
    List<OverviewRow> applicationCategories(Scope s, boolean fromRollup) {
        Map<String, Map<String, Long>> counts = new java.util.LinkedHashMap<>();
        for (String c : List.of("SEX", "AGE", "DOCUMENT", "CHANNEL")) {
            counts.put(c, new TreeMap<>());
        }
        java.util.function.BiConsumer<String[], Long> add = (k, n) -> {
            counts.get("SEX").merge(k[0], n, Long::sum);
            counts.get("AGE").merge(k[1], n, Long::sum);
            counts.get("DOCUMENT").merge(k[2], n, Long::sum);
            counts.get("CHANNEL").merge(k[3], n, Long::sum);
        };
        if (fromRollup) {
            rollups.grouped("APP_CAT", s, "dim1, dim2", null, rs -> {
                String[] sexBand = rs.getString(1).split("\\|", 2);
                String[] typeChannel = rs.getString(2).split("\\|", 2);
                add.accept(new String[]{sexBand[0], sexBand[1], typeChannel[0], typeChannel[1]}, rs.getLong(3));
            });
        } else {
            String day = sql.chinaDay("a.created_at");
            List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
            StringBuilder q = new StringBuilder("SELECT x.sex, x.band, x.document_type, x.channel, COUNT(*) FROM ("
                    + "SELECT COALESCE(r.sex, '-') sex, CASE WHEN r.birth_date IS NULL THEN 'unknown'"
                    + " WHEN r.birth_date <= " + sql.yearsBefore(day, 60) + " THEN '60+'"
                    + " WHEN r.birth_date <= " + sql.yearsBefore(day, 40) + " THEN '40-59'"
                    + " WHEN r.birth_date <= " + sql.yearsBefore(day, 18) + " THEN '18-39' ELSE '0-17' END band,"
                    + " COALESCE(r.document_type, '-') document_type, COALESCE(a.channel, '-') channel"
                    + " FROM card_application a JOIN resident r ON r.id = a.resident_id"
                    + " WHERE a.created_at >= ? AND a.created_at < ?");
            Sql.scope(q, args, s, "a.region_code", "a.institution_code");
            q.append(") x GROUP BY x.sex, x.band, x.document_type, x.channel");
            sql.jdbc.query(q.toString(), rs -> {
                add.accept(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                        rs.getLong(5));
            }, args.toArray());
        }
        var documents = CodeTables.documentTypes();
        List<OverviewRow> rows = new ArrayList<>();
        counts.forEach((category, items) -> items.forEach((item, n) -> {
            if (n != 0) {
                rows.add(new OverviewRow(category, item, switch (category) {
                    case "SEX" -> SEXES.getOrDefault(item, item);
                    case "CHANNEL" -> CHANNELS.getOrDefault(item, item);
                    case "AGE" -> item.equals("unknown") ? "未知" : item + "岁";
                    default -> documents.name(item).orElse(item);
                }, n));
            }
        }));
        return rows;
    }

    /**
     * The home dashboard: applications submitted today, applications and card requests waiting for review, open
     * tasks older than the limit, open incidents of the scope's processes, cards reported lost since Monday.
     */
    Dashboard dashboard(Scope s) {
        return dashboard(s, flows.rollup());
    }

    /** The dashboard with today's applications from the rollup APPLIED or from the applications. */
    Dashboard dashboard(Scope s, boolean fromRollup) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        long todayApplications;
        if (fromRollup) {
            long[] applied = new long[1];
            rollups.grouped("APPLIED", s.on(today), "", null, rs -> {
                applied[0] += rs.getLong(1);
            });
            todayApplications = applied[0];
        } else {
            todayApplications = count("SELECT COUNT(*) FROM card_application WHERE created_at >= ?"
                    + " AND region_code BETWEEN ? AND ?", Scope.utc(today), s.low(), s.high());
        }
        long waiting = count("SELECT COUNT(*) FROM card_application WHERE status = 'SUBMITTED'"
                + " AND region_code BETWEEN ? AND ?", s.low(), s.high())
                + count("SELECT COUNT(*) FROM card_request WHERE status = 'SUBMITTED'"
                + " AND region_code BETWEEN ? AND ?", s.low(), s.high());
        List<Object> overdueArgs = new ArrayList<>();
        long overdue = count(flows.overdue("COUNT(*)", s, overdueArgs).toString(), overdueArgs.toArray());
        long incidents = count("SELECT COUNT(*) FROM ACT_RU_INCIDENT i JOIN ACT_RU_VARIABLE v"
                + " ON v.PROC_INST_ID_ = i.PROC_INST_ID_ AND v.EXECUTION_ID_ = i.PROC_INST_ID_"
                + " AND v.NAME_ = 'regionCode' WHERE v.TEXT_ BETWEEN ? AND ?", s.low(), s.high());
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        // cards, not reports: a card reported lost, found and reported lost again this week counts once
        long lost = count("SELECT COUNT(DISTINCT e.card_no) FROM card_event e JOIN card c ON c.card_no = e.card_no"
                + " WHERE e.to_status = 'REPORTED_LOST' AND e.occurred_at >= ? AND c.region_code BETWEEN ? AND ?",
                Scope.utc(monday), s.low(), s.high());
        return new Dashboard(todayApplications, waiting, overdue, incidents, lost);
    }

    private long count(String query, Object... args) {
        Long n = sql.jdbc.queryForObject(query, Long.class, args);
        return n == null ? 0 : n;
    }

    private void group(List<OverviewRow> rows, String category, String select, String regionColumn,
                       String itemColumn, Scope s, UnaryOperator<String> label, String institutionColumn,
                       Object... selectArgs) {
        // parameters rather than literals: Oracle before 23 has no TRUE (institution.active is NUMBER(1) there)
        List<Object> args = new ArrayList<>(List.of(selectArgs));
        StringBuilder q = new StringBuilder(select);
        Sql.scope(q, args, s, regionColumn, institutionColumn);
        q.append(" GROUP BY ").append(itemColumn).append(" ORDER BY ").append(itemColumn);
        sql.jdbc.query(q.toString(), rs -> {
            String item = rs.getString(1);
            rows.add(new OverviewRow(category, item, label.apply(item), rs.getLong(2)));
        }, args.toArray());
    }

    private static String label(java.util.function.Supplier<String> zh, String fallback) {
        try {
            return zh.get();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
