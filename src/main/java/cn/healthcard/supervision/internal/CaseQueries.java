package cn.healthcard.supervision.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardUseService;
import cn.healthcard.ehc.Scene;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.Masking;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.supervision.CaseCount;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Measure;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cases, cards or rows behind a number (drill-down, case-level export; decisions 036, 039): the same conditions as
 * the number's query, a page at a time, the holder's name masked. Every measure has a list, of the kind
 * {@link Measure#caseKind()}. Each query yields the columns case_no, region_code, institution_code, holder, status,
 * d (the day), q (a quantity or NULL), x (a detail or NULL), k (a tie-break that makes the order, and so the pages,
 * stable) and o (the raw column the rows are ordered by, e.g. {@code card_use.used_at}: an index on it can give the
 * first page without sorting the scope, which the computed China day d cannot).
 */
@Component
class CaseQueries {

    static final int MAX_PAGE_SIZE = 200;

    private final Sql sql;
    private final FlowQueries flows;
    private final ResidentService residents;

    CaseQueries(Sql sql, FlowQueries flows, ResidentService residents) {
        this.sql = sql;
        this.flows = flows;
        this.residents = residents;
    }

    /** A row shown, with its holder's internal id (for the audit log's resident key; never shown). */
    record Listed(CaseRow row, String residentId) {
    }

    List<Listed> cases(Measure measure, Scope s, int page, int size) {
        if (page < 0) {
            throw new DomainValidationException("page", "「页码」不能小于0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new DomainValidationException("size", "「每页条数」应为1至" + MAX_PAGE_SIZE);
        }
        if ((long) page * size >= CaseCount.MAX_LISTED) {
            throw new DomainValidationException("page", "「页码」超出可浏览范围（至多" + CaseCount.MAX_LISTED
                    + "行），请缩小统计期、地区或机构，或导出");
        }
        Query q = query(measure, s);
        String paged = "SELECT * FROM (" + q.sql + ") x ORDER BY x.o, x.case_no, x.k OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        List<Object> args = new ArrayList<>(q.args);
        args.add((long) page * size);
        args.add(size);
        List<Object[]> raw = sql.jdbc.query(paged, (rs, i) -> new Object[]{rs.getString("case_no"),
                rs.getString("region_code"), rs.getString("institution_code"), rs.getString("holder"),
                rs.getString("status"), Sql.date(rs.getObject("d")), rs.getObject("q"), rs.getString("x")},
                args.toArray());
        String kind = measure.caseKind();
        // tasks carry a person's name (the applicant, the assignee), masked here; the other kinds the holder's id
        boolean named = kind.equals("TASK") || kind.equals("DONE_TASK");
        Map<String, ResidentSummary> holders = named || raw.stream().allMatch(r -> r[3] == null) ? Map.of()
                : residents.summaries(raw.stream().map(r -> (String) r[3]).filter(Objects::nonNull).distinct()
                        .toList());
        return raw.stream().map(r -> {
            String holder = (String) r[3];
            String masked = named ? Masking.name(holder)
                    : holder != null && holders.containsKey(holder) ? holders.get(holder).nameMasked() : null;
            Long quantity = r[6] == null ? null : ((Number) r[6]).longValue();
            String region = r[1] == null ? null : ((String) r[1]).strip();
            return new Listed(new CaseRow((String) r[0], kind, region, (String) r[2], masked, (String) r[4],
                    (LocalDate) r[5], quantity, (String) r[7]), named ? null : holder);
        }).toList();
    }

    /** How many rows the list holds, exactly. */
    long count(Measure measure, Scope s) {
        Query q = query(measure, s);
        Long n = sql.jdbc.queryForObject("SELECT COUNT(*) FROM (" + q.sql + ") x", Long.class, q.args.toArray());
        return n == null ? 0 : n;
    }

    /** How many rows the list holds, at most {@link CaseCount#CAP} + 1 of them read. */
    CaseCount countCapped(Measure measure, Scope s) {
        Query q = query(measure, s);
        List<Object> args = new ArrayList<>(q.args);
        args.add(CaseCount.CAP + 1);
        Long n = sql.jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 one FROM (" + q.sql
                + ") x FETCH FIRST ? ROWS ONLY) y", Long.class, args.toArray());
        return CaseCount.of(n == null ? 0 : n);
    }

    private record Query(String sql, List<Object> args) {
    }

    private Query query(Measure measure, Scope s) {
        // a slice value on a list it does not narrow would be silently ignored: refused instead
        if (s.status() != null && !SLICED.contains(measure)) {
            throw new DomainValidationException("status", "「状态」不适用于「" + measure + "」");
        }
        if (s.requestType() != null && measure != Measure.CARD_REQUESTS) {
            throw new DomainValidationException("requestType", "「业务类型」只适用于卡片业务");
        }
        // a stage the measure does not know lists nothing: refused (400) rather than an empty list
        if (s.scenario() != null && (measure == Measure.CARD_USES && !CardUseService.SCENARIOS.contains(s.scenario())
                || measure == Measure.ECARD_VERIFICATIONS && SliceQueries.names(Scene.values()).stream()
                        .noneMatch(s.scenario()::equals))) {
            throw new DomainValidationException("scenario", "「使用环节」不是有效的环节");
        }
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        StringBuilder q;
        switch (measure) {
            case APPLIED, SIGNED -> {
                String column = measure == Measure.APPLIED ? "a.created_at" : "a.picked_up_at";
                q = new StringBuilder("SELECT a.id case_no, a.region_code, a.institution_code, a.resident_id holder,"
                        + " a.status, " + sql.chinaDay(column) + " d" + NONE + ", a.id k, " + column + " o FROM card_application a"
                        + " WHERE " + column + " >= ? AND " + column + " < ?");
                Sql.scope(q, args, s, "a.region_code", "a.institution_code");
            }
            case MADE -> {
                if (s.makerCode() != null) {
                    q = madeByMaker(s, args);
                } else {
                    q = new StringBuilder("SELECT c.card_no case_no, c.region_code, c.institution_code,"
                            + " c.resident_id holder, c.status, " + sql.chinaDay("c.produced_at") + " d" + NONE
                            + ", c.card_no k, c.produced_at o FROM card c WHERE c.produced_at >= ? AND c.produced_at < ?");
                    Sql.scope(q, args, s, "c.region_code", "c.institution_code");
                }
            }
            case FAILED, SCRAPPED -> {
                // the failed (or destroyed) answers applied to the batches released in the range, as the batch's failed
                // (destroyed) count holds them; scoped like the production numbers by the batch's region and ordering centre
                q = new StringBuilder("SELECT r.case_id case_no, b.region_code, b.maker_code institution_code,"
                        + " o.resident_id holder, r.reason status, " + sql.chinaDay("r.received_at") + " d,"
                        + " NULL q, b.batch_no x, r.id k, r.received_at o FROM production_result r"
                        + " JOIN production_batch b ON b.batch_no = r.batch_no"
                        + " LEFT JOIN production_order o ON o.case_id = r.case_id"
                        + " WHERE b.released_at >= ? AND b.released_at < ? AND r.outcome = ? AND r.status = 'APPLIED'");
                args.add(measure == Measure.FAILED ? "FAILED" : "DESTROYED");
                Sql.scope(q, args, s, "b.region_code", "b.centre_code");
                maker(q, args, s, "b.maker_code");
            }
            case ISSUED, UNSIGNED -> {
                // the cards that reached their desk in the range (decision 036), by their applications
                args = new ArrayList<>();
                q = new StringBuilder("SELECT ar.case_no, ar.region_code, ar.institution_code, ar.holder, ar.status,"
                        + " ar.d" + NONE + ", ar.case_no k, ar.d o FROM (" + flows.arrivals(s, args) + ") ar WHERE 1 = 1");
                if (measure == Measure.UNSIGNED) {
                    q.append(" AND (ar.picked_up_at IS NULL OR ar.picked_up_at >= ?)");
                    args.add(s.utcUntil());
                }
            }
            case CARD_USES -> {
                // each use, by the region kept on it (as SUP-03 counts it); the holder is the card's
                q = new StringBuilder("SELECT u.card_no case_no, u.region_code, u.institution_code,"
                        + " COALESCE(c.resident_id, tc.resident_id) holder, u.scenario status, " + sql.chinaDay("u.used_at") + " d" + NONE
                        + ", u.id k, u.used_at o FROM card_use u LEFT JOIN card c ON c.card_no = u.card_no"
                        + " LEFT JOIN temporary_card tc ON tc.card_no = u.card_no"
                        + " WHERE u.used_at >= ? AND u.used_at < ?");
                Sql.scope(q, args, s, "u.region_code", "u.institution_code");
                scenario(q, args, s, "u.scenario");
            }
            case ECARD_VERIFICATIONS -> {
                // no single verification is stored outside the audit log: the daily counter's rows (decision 039)
                args = new ArrayList<>(List.of(s.from(), s.to()));
                q = new StringBuilder("SELECT v.terminal_id case_no, v.region_code, v.institution_code,"
                        + " CAST(NULL AS VARCHAR(36)) holder, v.scene status, v.count_date d, v.verifications q,"
                        + " v.sam_no x, v.institution_code || v.scene || v.sam_no k, v.count_date o"
                        + " FROM ehc_verification_count v"
                        + " WHERE v.count_date BETWEEN ? AND ? AND v.outcome = 'VERIFIED'");
                Sql.scope(q, args, s, "v.region_code", "v.institution_code");
                scenario(q, args, s, "v.scene");
            }
            case HANDLED -> {
                // the completed user tasks as SUP-04 counts them: by the institution of the person who completed it
                args = new ArrayList<>(List.of(s.engineFrom(), s.engineUntil()));
                q = new StringBuilder("SELECT COALESCE(p.BUSINESS_KEY_, t.ID_) case_no, i.region_code,"
                        + " u.institution_code, t.ASSIGNEE_ holder, t.NAME_ status, "
                        + sql.engineChinaDay("t.END_TIME_") + " d, t.DURATION_ / 60000 q, NULL x, t.ID_ k, t.END_TIME_ o"
                        + " FROM ACT_HI_TASKINST t JOIN app_user u ON u.username = t.ASSIGNEE_"
                        + " JOIN institution i ON i.code = u.institution_code"
                        + " LEFT JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = t.PROC_INST_ID_"
                        + " WHERE t.END_TIME_ >= ? AND t.END_TIME_ < ? AND t.DELETE_REASON_ = 'completed'");
                Sql.scope(q, args, s, "i.region_code", "u.institution_code");
            }
            case CARD_REQUESTS -> {
                // the request type in the detail column
                q = new StringBuilder("SELECT r.id case_no, r.region_code, r.institution_code, r.resident_id holder,"
                        + " r.status, " + sql.chinaDay("r.created_at") + " d, CAST(NULL AS INTEGER) q,"
                        + " r.request_type x, r.id k, r.created_at o FROM card_request r WHERE r.created_at >= ? AND r.created_at < ?");
                Sql.scope(q, args, s, "r.region_code", "r.institution_code");
                if (s.requestType() != null) {
                    q.append(" AND r.request_type = ?");
                    args.add(s.requestType());
                }
            }
            case SAM_STATE, FILING_STATUS, INSTITUTION_KIND -> {
                args = new ArrayList<>();
                q = SliceQueries.query(measure, s, args, sql);
            }
            case CARD_STATUS -> {
                // the cards counted in STAT-01's cards by status: as of now, so the dates do not apply
                SliceQueries.requireStatus(s, "卡片状态", SliceQueries.names(CardStatus.values()));
                args = new ArrayList<>();
                q = new StringBuilder("SELECT c.card_no case_no, c.region_code, c.institution_code,"
                        + " c.resident_id holder, c.status, " + sql.chinaDay("c.created_at") + " d" + NONE
                        + ", c.card_no k, c.created_at o FROM card c WHERE 1 = 1");
                if (s.status() != null) {
                    q.append(" AND c.status = ?");
                    args.add(s.status());
                }
                Sql.scope(q, args, s, "c.region_code", "c.institution_code");
            }
            case OVERDUE -> {
                args = new ArrayList<>();
                q = flows.overdue("COALESCE(e.business_key, e.task_id) case_no, e.region_code, "
                        + FlowQueries.OVERDUE_INSTITUTION + " institution_code, e.applicant_name holder,"
                        + " t.NAME_ status, " + sql.engineChinaDay("t.CREATE_TIME_") + " d" + NONE + ", e.task_id k, t.CREATE_TIME_ o",
                        s, args);
            }
            default -> throw new DomainValidationException("measure", "「" + measure + "」没有可列出的案件");
        }
        return new Query(q.toString(), args);
    }

    /**
     * SUP-01's 制卡 bar of one maker (MADE narrowed by {@code makerCode}; decision 039): the answers PRODUCED and applied
     * of that maker's batches released in the range, exactly what {@code production_batch.produced} counts, scoped by
     * the batch's region and ordering centre like the bar. Each row is the card made (its number from the answer; desk,
     * holder and status from the card, else from the production order), on the day of the answer, batch as detail.
     */
    private StringBuilder madeByMaker(Scope s, List<Object> args) {
        StringBuilder q = new StringBuilder("SELECT r.card_no case_no, b.region_code,"
                + " COALESCE(c.institution_code, o.desk_code) institution_code,"
                + " COALESCE(c.resident_id, o.resident_id) holder, c.status, " + sql.chinaDay("r.received_at") + " d,"
                + " CAST(NULL AS INTEGER) q, b.batch_no x, r.id k, r.received_at o FROM production_result r"
                + " JOIN production_batch b ON b.batch_no = r.batch_no"
                + " LEFT JOIN card c ON c.card_no = r.card_no"
                + " LEFT JOIN production_order o ON o.case_id = r.case_id"
                + " WHERE b.released_at >= ? AND b.released_at < ? AND r.outcome = 'PRODUCED' AND r.status = 'APPLIED'");
        Sql.scope(q, args, s, "b.region_code", "b.centre_code");
        maker(q, args, s, "b.maker_code");
        return q;
    }

    /** The measures whose list the filter's {@code status} narrows (STAT-01's snapshot slices). */
    private static final java.util.Set<Measure> SLICED = java.util.EnumSet.of(Measure.CARD_STATUS, Measure.SAM_STATE,
            Measure.FILING_STATUS, Measure.INSTITUTION_KIND);

    /** The quantity and detail columns of the kinds that have none. */
    private static final String NONE = ", CAST(NULL AS INTEGER) q, CAST(NULL AS VARCHAR(32)) x";

    private static void maker(StringBuilder q, List<Object> args, Scope s, String column) {
        if (s.makerCode() != null) {
            q.append(" AND ").append(column).append(" = ?");
            args.add(s.makerCode());
        }
    }

    private static void scenario(StringBuilder q, List<Object> args, Scope s, String column) {
        if (s.scenario() != null) {
            q.append(" AND ").append(column).append(" = ?");
            args.add(s.scenario());
        }
    }
}
