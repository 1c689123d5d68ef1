package cn.healthcard.supervision.internal;

import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.CaseCount;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.OverviewRow;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.Series;
import cn.healthcard.supervision.StatisticsCaseRead;
import cn.healthcard.supervision.StatisticsCasesRead;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.UsageRow;
import cn.healthcard.common.DomainValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@link SupervisionStatistics} over the modules' tables (decision 036): every method checks the filter and limits
 * the numbers to the caller's region and those below it, before anything is read.
 */
@Service
// SYSTEM: the monthly report's generation (supervision.monthly, decision 037) runs as the system user, which may ask
// for any region's figures
@PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN','SYSTEM')")
class SupervisionStatisticsService implements SupervisionStatistics {

    private final FlowQueries flows;
    private final OverviewQueries overview;
    private final CaseQueries cases;
    private final Sql sql;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SupervisionStatisticsService(FlowQueries flows, OverviewQueries overview, CaseQueries cases, Sql sql,
                                 ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.flows = flows;
        this.overview = overview;
        this.cases = cases;
        this.sql = sql;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProductionRow> production(StatisticsFilter filter) {
        return flows.production(scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public List<IssuingRow> issuing(StatisticsFilter filter) {
        return flows.issuing(capped(scope(filter), false));
    }

    @Override
    @Transactional(readOnly = true)
    public List<UsageRow> usage(StatisticsFilter filter) {
        return flows.usage(capped(scope(filter), true));
    }

    /**
     * The usage stages a row may be keyed by: the card-use scenarios and the e-card scenes (decision 040: the row cap
     * counts them).
     */
    static final int USAGE_STAGES = (int) java.util.stream.Stream.concat(
            cn.healthcard.card.CardUseService.SCENARIOS.stream(),
            java.util.Arrays.stream(cn.healthcard.ehc.Scene.values()).map(Enum::name)).distinct().count();

    /**
     * The scope, if its table stays within {@link StatisticsFilter#MAX_ROWS}, estimated before any row is built
     * (decision 040): issuing rows are keyed by period, region and institution, so at most periods × the scope's
     * institutions; usage rows by period, stage and, in a city or below, medical institution (periods × medical
     * institutions × stages), above it next-level region (periods × the next-level regions holding institutions ×
     * stages). Above the cap the caller is told to narrow the range, the region or the period (400 naming to).
     */
    private Scope capped(Scope s, boolean usage) {
        List<Object> args = new ArrayList<>();
        String counted = !usage ? "COUNT(*)" : s.perInstitution() ? "SUM(CASE WHEN i.kind = 'MEDICAL' THEN 1 ELSE 0 END)"
                : "COUNT(DISTINCT SUBSTR(i.region_code, 1, " + (s.prefix().length() + 2) + "))";
        StringBuilder q = new StringBuilder("SELECT " + counted + " FROM institution i WHERE 1 = 1");
        Sql.scope(q, args, s, "i.region_code", "i.code");
        Long keys = sql.jdbc.queryForObject(q.toString(), Long.class, args.toArray());
        long periods = Periods.between(s.from(), s.to(), s.granularity()).size();
        long stages = !usage ? 1 : s.scenario() != null ? 1 : USAGE_STAGES;
        if (periods * stages * Math.max(1, keys == null ? 0 : keys) > StatisticsFilter.MAX_ROWS) {
            throw new DomainValidationException("to", "统计结果可能超过" + StatisticsFilter.MAX_ROWS
                    + "行，请缩小「统计期间」或选择「地区」，或按周、按月统计");
        }
        return s;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AssessmentRow> assessment(StatisticsFilter filter) {
        return flows.assessment(scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public List<OverviewRow> overview(StatisticsFilter filter) {
        return overview.overview(scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public List<OverviewRow> applicationCategories(StatisticsFilter filter) {
        return overview.applicationCategories(scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Series> series(Measure measure, StatisticsFilter filter) {
        requireMeasure(measure);
        Scope s = scope(filter);
        Map<String, Long> current = perPeriod(measure, s);
        List<Series.Point> points = new ArrayList<>();
        if (s.compare()) {
            Scope p = s.previous();
            List<Long> previous = new ArrayList<>(perPeriod(measure, p).values());
            int i = 0;
            for (var e : current.entrySet()) {
                points.add(new Series.Point(e.getKey(), e.getValue(), i < previous.size() ? previous.get(i) : null));
                i++;
            }
        } else {
            current.forEach((k, v) -> points.add(new Series.Point(k, v, null)));
        }
        return List.of(new Series(measure.name(), points));
    }

    /** The measure summed per period of the range, every period present (0 when nothing happened). */
    private Map<String, Long> perPeriod(Measure measure, Scope s) {
        Map<String, Long> values = new LinkedHashMap<>();
        Periods.between(s.from(), s.to(), s.granularity()).forEach(p -> values.put(p, 0L));
        switch (measure) {
            case APPLIED -> flows.issuingSeries(s, 0, values);
            case MADE -> flows.issuingSeries(s, 1, values);
            case ISSUED -> flows.issuingSeries(s, 2, values);
            case SIGNED -> flows.issuingSeries(s, 3, values);
            case UNSIGNED -> flows.issuingSeries(s, 4, values);
            case FAILED -> sum(values, flows.production(s), ProductionRow::period, ProductionRow::failed);
            case SCRAPPED -> sum(values, flows.production(s), ProductionRow::period, ProductionRow::scrapped);
            case CARD_USES -> flows.usageSeries(s, false, values);
            case ECARD_VERIFICATIONS -> flows.usageSeries(s, true, values);
            case HANDLED -> daily(values, s, "SELECT " + sql.engineChinaDay("t.END_TIME_") + ", COUNT(*) FROM ACT_HI_TASKINST t"
                    + " JOIN app_user u ON u.username = t.ASSIGNEE_ JOIN institution i ON i.code = u.institution_code"
                    + " WHERE t.END_TIME_ >= ? AND t.END_TIME_ < ? AND t.DELETE_REASON_ = 'completed'",
                    "i.region_code", "u.institution_code", sql.engineChinaDay("t.END_TIME_"), true);
            case CARD_REQUESTS -> daily(values, s, "SELECT " + sql.chinaDay("r.created_at") + ", COUNT(*)"
                    + " FROM card_request r WHERE r.created_at >= ? AND r.created_at < ?", "r.region_code",
                    "r.institution_code", sql.chinaDay("r.created_at"), false);
            case OVERDUE -> throw new DomainValidationException("measure", "「逾期待办」是当前数，没有时间序列");
            case CARD_STATUS, SAM_STATE, FILING_STATUS, INSTITUTION_KIND -> throw new DomainValidationException(
                    "measure", "「" + switch (measure) {
                        case SAM_STATE -> "SAM卡状态";
                        case FILING_STATUS -> "备案状态";
                        case INSTITUTION_KIND -> "机构类别";
                        default -> "卡片状态";
                    } + "」是当前数，没有时间序列");
        }
        return values;
    }

    private <R> void sum(Map<String, Long> values, List<R> rows, java.util.function.Function<R, String> period,
                         ToLongFunction<R> value) {
        rows.forEach(r -> values.merge(period.apply(r), value.applyAsLong(r), Long::sum));
    }

    private void daily(Map<String, Long> values, Scope s, String select, String regionColumn, String institutionColumn,
                       String groupBy, boolean engineTime) {
        List<Object> args = new ArrayList<>(engineTime ? List.of(s.engineFrom(), s.engineUntil())
                : List.of(s.utcFrom(), s.utcUntil()));
        StringBuilder q = new StringBuilder(select);
        Sql.scope(q, args, s, regionColumn, institutionColumn);
        q.append(" GROUP BY ").append(groupBy);
        sql.jdbc.query(q.toString(), rs -> {
            values.merge(Periods.label(Sql.date(rs.getObject(1)), s.granularity()), rs.getLong(2), Long::sum);
        }, args.toArray());
    }

    @Override
    @Transactional
    public List<CaseRow> cases(Measure measure, StatisticsFilter filter, int page, int size) {
        requireMeasure(measure);
        Scope s = scope(filter);
        List<CaseQueries.Listed> listed = cases.cases(measure, s, page, size);
        events.publishEvent(new StatisticsCasesRead(measure.name(), summary(s, page), listed.size(), s.low()));
        // every row on its own, keyed by case, card and holder: the whole page is logged, and a resident's trail
        // finds the read (SEC-03)
        listed.forEach(l -> events.publishEvent(new StatisticsCaseRead(measure.name(), l.row().kind(),
                l.row().caseNo(), l.residentId(), l.row().regionCode())));
        return listed.stream().map(CaseQueries.Listed::row).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public long countCases(Measure measure, StatisticsFilter filter) {
        requireMeasure(measure);
        return cases.count(measure, scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public CaseCount countCasesCapped(Measure measure, StatisticsFilter filter) {
        requireMeasure(measure);
        return cases.countCapped(measure, scope(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public Dashboard dashboard() {
        return overview.dashboard(Scope.ofUser(clock));
    }

    /** The filter checked as the caller, "today" by the application's clock. */
    private Scope scope(StatisticsFilter filter) {
        return Scope.of(filter, clock);
    }

    private static void requireMeasure(Measure measure) {
        if (measure == null) {
            throw new DomainValidationException("measure", "请选择「指标」");
        }
    }

    private static String summary(Scope s, int page) {
        return s.from() + "~" + s.to() + " region=" + s.low() + (s.institutionCode() == null ? ""
                : " institution=" + s.institutionCode()) + (s.status() == null ? "" : " status=" + s.status())
                + (s.makerCode() == null ? "" : " maker=" + s.makerCode())
                + (s.scenario() == null ? "" : " scenario=" + s.scenario())
                + (s.requestType() == null ? "" : " requestType=" + s.requestType())
                + " page=" + page;
    }
}
