package cn.healthcard.supervision.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.Masking;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Measure;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cases or cards behind a number (drill-down, case-level export): the same conditions as the number's query, a
 * page at a time, the holder's name masked. Measures without cases behind them (sums of answers, uses,
 * verifications, handled steps) are refused with a problem naming {@code measure}.
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
        Query q = query(measure, s);
        String paged = "SELECT * FROM (" + q.sql + ") x ORDER BY x.d, x.case_no OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        List<Object> args = new ArrayList<>(q.args);
        args.add((long) page * size);
        args.add(size);
        List<Object[]> raw = sql.jdbc.query(paged, (rs, i) -> new Object[]{rs.getString("case_no"),
                rs.getString("region_code"), rs.getString("institution_code"), rs.getString("holder"),
                rs.getString("status"), Sql.date(rs.getObject("d"))}, args.toArray());
        Map<String, ResidentSummary> holders = q.kind.equals("TASK") ? Map.of()
                : residents.summaries(raw.stream().map(r -> (String) r[3]).toList());
        boolean task = q.kind.equals("TASK");
        return raw.stream().map(r -> new Listed(new CaseRow((String) r[0], q.kind, ((String) r[1]).strip(),
                (String) r[2], task ? Masking.name((String) r[3])
                        : holders.containsKey((String) r[3]) ? holders.get((String) r[3]).nameMasked() : null,
                (String) r[4], (java.time.LocalDate) r[5]), task ? null : (String) r[3])).toList();
    }

    long count(Measure measure, Scope s) {
        Query q = query(measure, s);
        Long n = sql.jdbc.queryForObject("SELECT COUNT(*) FROM (" + q.sql + ") x", Long.class, q.args.toArray());
        return n == null ? 0 : n;
    }

    private record Query(String kind, String sql, List<Object> args) {
    }

    private Query query(Measure measure, Scope s) {
        List<Object> args = new ArrayList<>(List.of(s.utcFrom(), s.utcUntil()));
        StringBuilder q;
        String kind;
        switch (measure) {
            case APPLIED, SIGNED -> {
                String column = measure == Measure.APPLIED ? "a.created_at" : "a.picked_up_at";
                kind = "APPLICATION";
                q = new StringBuilder("SELECT a.id case_no, a.region_code, a.institution_code, a.resident_id holder,"
                        + " a.status, " + sql.chinaDay(column) + " d FROM card_application a WHERE " + column
                        + " >= ? AND " + column + " < ?");
                Sql.scope(q, args, s, "a.region_code", "a.institution_code");
            }
            case MADE -> {
                kind = "CARD";
                q = new StringBuilder("SELECT c.card_no case_no, c.region_code, c.institution_code, c.resident_id holder,"
                        + " c.status, " + sql.chinaDay("c.produced_at") + " d FROM card c"
                        + " WHERE c.produced_at >= ? AND c.produced_at < ?");
                Sql.scope(q, args, s, "c.region_code", "c.institution_code");
            }
            case ISSUED, UNSIGNED -> {
                // the cards that reached their desk in the range (decision 036), by their applications
                kind = "APPLICATION";
                args = new ArrayList<>();
                q = new StringBuilder("SELECT ar.case_no, ar.region_code, ar.institution_code, ar.holder, ar.status,"
                        + " ar.d FROM (" + flows.arrivals(s, args) + ") ar WHERE 1 = 1");
                if (measure == Measure.UNSIGNED) {
                    q.append(" AND (ar.picked_up_at IS NULL OR ar.picked_up_at >= ?)");
                    args.add(s.utcUntil());
                }
            }
            case CARD_REQUESTS -> {
                kind = "REQUEST";
                q = new StringBuilder("SELECT r.id case_no, r.region_code, r.institution_code, r.resident_id holder,"
                        + " r.status, " + sql.chinaDay("r.created_at") + " d FROM card_request r"
                        + " WHERE r.created_at >= ? AND r.created_at < ?");
                Sql.scope(q, args, s, "r.region_code", "r.institution_code");
            }
            case CARD_STATUS -> {
                // the cards counted in STAT-01's cards by status: as of now, so the dates do not apply
                kind = "CARD";
                args = new ArrayList<>();
                q = new StringBuilder("SELECT c.card_no case_no, c.region_code, c.institution_code,"
                        + " c.resident_id holder, c.status, " + sql.chinaDay("c.created_at") + " d FROM card c"
                        + " WHERE 1 = 1");
                if (s.status() != null) {
                    q.append(" AND c.status = ?");
                    args.add(s.status());
                }
                Sql.scope(q, args, s, "c.region_code", "c.institution_code");
            }
            case OVERDUE -> {
                kind = "TASK";
                args = new ArrayList<>();
                q = flows.overdue("COALESCE(e.business_key, e.task_id) case_no, e.region_code, "
                        + FlowQueries.OVERDUE_INSTITUTION + " institution_code, e.applicant_name holder,"
                        + " t.NAME_ status, " + sql.engineChinaDay("t.CREATE_TIME_") + " d", s, args);
            }
            default -> throw new DomainValidationException("measure", "「" + measure + "」没有可列出的案件");
        }
        return new Query(kind, q.toString(), args);
    }
}
