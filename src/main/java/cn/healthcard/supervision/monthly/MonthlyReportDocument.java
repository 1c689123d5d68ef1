package cn.healthcard.supervision.monthly;

import cn.healthcard.report.ChartImages;
import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.ReportService;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.Series;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.UsageRow;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PDF of one region's month ({@code reports/monthly-report.html}, BPM-06): issuing (SUP-02) with the month before,
 * card requests (LC-07), usage per stage (SUP-03) and the assessment's top and bottom ten (SUP-04), each from
 * {@link SupervisionStatistics} for the region's scope only, with a chart image per section drawn by
 * {@link ChartImages} from the same {@link ChartSpec} the screens draw. Run as the system user, which may ask for any
 * region.
 */
@Component
class MonthlyReportDocument {

    static final String TEMPLATE = "monthly-report";
    static final int TOP = 10;
    /** The usage stages (card use scenarios, e-card scenes) as printed. */
    static final Map<String, String> STAGES = Map.of("REGISTRATION", "挂号", "CONSULTATION", "就诊", "EXAMINATION",
            "检查检验", "PHARMACY", "取药", "SETTLEMENT", "结算", "INPATIENT", "住院", "PUBLIC_HEALTH", "公共卫生",
            "RECORD_QUERY", "档案查询", "OTHER", "其他");

    private final ObjectProvider<SupervisionStatistics> statisticsProvider;
    private final ReportService reports;

    MonthlyReportDocument(ObjectProvider<SupervisionStatistics> statistics, ReportService reports) {
        this.statisticsProvider = statistics;
        this.reports = reports;
    }

    /** The statistics, looked up when a report is generated (the application starts without them in slim tests). */
    private SupervisionStatistics statistics() {
        SupervisionStatistics s = statisticsProvider.getIfAvailable();
        if (s == null) {
            throw new IllegalStateException("monthly report: no SupervisionStatistics in the application");
        }
        return s;
    }

    /** The numbers of one month in one region's scope, and of the month before. */
    record Figures(Totals month, Totals previous, List<IssuingRow> issuing, List<UsageRow> usage,
                   List<AssessmentRow> assessment) {

        String summary() {
            return "申领 " + month.applied + "，制卡 " + month.made + "，发放 " + month.issued + "，签收 " + month.signed
                    + "，未签收 " + month.unsigned + "；卡业务申请 " + month.cardRequests + "；用卡 " + month.cardUses
                    + " 次，电子健康卡核验 " + month.verifications + " 次";
        }
    }

    /** Sums over the region's scope. */
    record Totals(long applied, long made, long issued, long signed, long unsigned, long cardRequests,
                  long cardUses, long verifications) {
    }

    Figures figures(String region, YearMonth month) {
        SupervisionStatistics statistics = statistics();
        StatisticsFilter filter = filter(region, month);
        StatisticsFilter before = filter(region, month.minusMonths(1));
        List<IssuingRow> issuing = statistics.issuing(filter);
        List<UsageRow> usage = statistics.usage(filter);
        List<AssessmentRow> assessment = statistics.assessment(filter);
        return new Figures(totals(statistics, issuing, usage, filter), totals(statistics, statistics.issuing(before),
                statistics.usage(before), before), issuing, usage, assessment);
    }

    private static Totals totals(SupervisionStatistics statistics, List<IssuingRow> issuing, List<UsageRow> usage,
                                 StatisticsFilter filter) {
        long requests = statistics.series(Measure.CARD_REQUESTS, filter).stream()
                .flatMap(s -> s.points().stream()).mapToLong(Series.Point::value).sum();
        return new Totals(issuing.stream().mapToLong(IssuingRow::applied).sum(),
                issuing.stream().mapToLong(IssuingRow::made).sum(),
                issuing.stream().mapToLong(IssuingRow::issued).sum(),
                issuing.stream().mapToLong(IssuingRow::signed).sum(),
                issuing.stream().mapToLong(IssuingRow::unsigned).sum(), requests,
                usage.stream().mapToLong(UsageRow::cardUses).sum(),
                usage.stream().mapToLong(UsageRow::ecardVerifications).sum());
    }

    /** One period, the month: "not signed for" is a stock at the end of a period and must not be summed over days. */
    static StatisticsFilter filter(String region, YearMonth month) {
        return StatisticsFilter.of(month.atDay(1), month.atEndOfMonth()).withGranularity(Granularity.MONTH)
                .withRegion(region);
    }

    /** The PDF; {@code note} is the last send-back's comment (printed when present). */
    byte[] render(MonthlyReport report, Figures f, String note) {
        Map<String, String> values = new HashMap<>();
        YearMonth month = YearMonth.parse(report.month());
        values.put("title", report.regionName() + " " + month.getYear() + "年" + month.getMonthValue() + "月 居民健康卡月度统计报告");
        values.put("reportNo", report.reportNo());
        values.put("regionName", report.regionName());
        values.put("month", month.getYear() + "年" + month.getMonthValue() + "月");
        values.put("previousMonth", month.minusMonths(1).getYear() + "年" + month.minusMonths(1).getMonthValue() + "月");
        values.put("generation", String.valueOf(report.generation() + 1));
        values.put("note", note == null ? "" : note);
        values.put("hasNote", note == null || note.isBlank() ? "no" : "yes");
        values.put("summary", f.summary());
        Map<String, List<Map<String, String>>> lists = new HashMap<>();
        lists.put("totals", totalsRows(f));
        lists.put("regions", f.issuing().stream().map(MonthlyReportDocument::issuingRow).toList());
        lists.put("stages", stageRows(f.usage()));
        List<AssessmentRow> ranked = f.assessment().stream()
                .sorted(Comparator.comparingLong(AssessmentRow::handled).reversed()
                        .thenComparing(AssessmentRow::institutionCode)).toList();
        lists.put("top", ranked.stream().limit(TOP).map(MonthlyReportDocument::assessmentRow).toList());
        // the bottom ten are those not already among the top ten, the least busy first
        List<AssessmentRow> bottom = new ArrayList<>(ranked.subList(Math.min(ranked.size(),
                Math.max(TOP, ranked.size() - TOP)), ranked.size()));
        java.util.Collections.reverse(bottom);
        lists.put("bottom", bottom.stream().map(MonthlyReportDocument::assessmentRow).toList());
        values.put("hasBottom", bottom.isEmpty() ? "no" : "yes");
        values.put("hasCharts", "yes");
        Map<String, byte[]> images = Map.of(
                "chartIssuing", ChartImages.png(issuingChart(f), CHART_WIDTH, CHART_HEIGHT),
                "chartUsage", ChartImages.png(usageChart(lists.get("stages")), CHART_WIDTH, CHART_HEIGHT));
        return reports.document(TEMPLATE, values, lists, images);
    }

    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 260;

    /** The month's issuing beside the month before's (dashed). */
    static ChartSpec issuingChart(Figures f) {
        Totals m = f.month();
        Totals p = f.previous();
        return new ChartSpec(ChartSpec.Kind.BAR, "发卡情况（本月与上月）", "张",
                List.of("申领", "制卡", "发放", "签收", "未签收"),
                List.of(new ChartSpec.SeriesSpec("本月", List.of(m.applied(), m.made(), m.issued(), m.signed(),
                                m.unsigned())),
                        new ChartSpec.SeriesSpec("上月" + ChartSpec.PREVIOUS_SUFFIX, List.of(p.applied(), p.made(),
                                p.issued(), p.signed(), p.unsigned()))));
    }

    /** Card uses and verifications per stage. */
    static ChartSpec usageChart(List<Map<String, String>> stages) {
        List<String> categories = stages.isEmpty() ? List.of("无") : stages.stream().map(r -> r.get("stage")).toList();
        List<Number> uses = stages.isEmpty() ? List.of(0L)
                : stages.stream().map(r -> (Number) Long.parseLong(r.get("cardUses"))).toList();
        List<Number> verifications = stages.isEmpty() ? List.of(0L)
                : stages.stream().map(r -> (Number) Long.parseLong(r.get("verifications"))).toList();
        return new ChartSpec(ChartSpec.Kind.BAR, "用卡情况（按环节）", "次", categories,
                List.of(new ChartSpec.SeriesSpec("用卡次数", uses),
                        new ChartSpec.SeriesSpec("电子健康卡核验次数", verifications)));
    }

    private static List<Map<String, String>> totalsRows(Figures f) {
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(total("申领", f.month().applied(), f.previous().applied()));
        rows.add(total("制卡", f.month().made(), f.previous().made()));
        rows.add(total("发放（到达发卡点）", f.month().issued(), f.previous().issued()));
        rows.add(total("签收", f.month().signed(), f.previous().signed()));
        rows.add(total("未签收", f.month().unsigned(), f.previous().unsigned()));
        rows.add(total("卡业务申请（挂失、补换等）", f.month().cardRequests(), f.previous().cardRequests()));
        rows.add(total("用卡次数", f.month().cardUses(), f.previous().cardUses()));
        rows.add(total("电子健康卡核验次数", f.month().verifications(), f.previous().verifications()));
        return rows;
    }

    private static Map<String, String> total(String item, long now, long before) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("item", item);
        row.put("count", String.valueOf(now));
        row.put("previous", String.valueOf(before));
        row.put("change", change(now, before));
        return row;
    }

    static String change(long now, long before) {
        if (before == 0) {
            return now == 0 ? "持平" : "—";
        }
        double pct = (now - before) * 100.0 / before;
        return (pct > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", pct);
    }

    private static Map<String, String> issuingRow(IssuingRow r) {
        Map<String, String> row = new LinkedHashMap<>();
        String region = r.regionName() != null ? r.regionName() : r.regionCode();
        row.put("name", r.institutionName() == null ? region : region + " · " + r.institutionName());
        row.put("applied", String.valueOf(r.applied()));
        row.put("made", String.valueOf(r.made()));
        row.put("issued", String.valueOf(r.issued()));
        row.put("signed", String.valueOf(r.signed()));
        row.put("unsigned", String.valueOf(r.unsigned()));
        return row;
    }

    private static List<Map<String, String>> stageRows(List<UsageRow> usage) {
        Map<String, long[]> byStage = new LinkedHashMap<>();
        usage.stream().sorted(Comparator.comparing(u -> u.stage() == null ? "" : u.stage())).forEach(u -> {
            long[] sums = byStage.computeIfAbsent(u.stage() == null ? "—" : u.stage(), k -> new long[2]);
            sums[0] += u.cardUses();
            sums[1] += u.ecardVerifications();
        });
        List<Map<String, String>> rows = new ArrayList<>();
        byStage.forEach((stage, sums) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("stage", STAGES.containsKey(stage) ? STAGES.get(stage) + "（" + stage + "）" : stage);
            row.put("cardUses", String.valueOf(sums[0]));
            row.put("verifications", String.valueOf(sums[1]));
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, String> assessmentRow(AssessmentRow r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", r.institutionName() == null ? r.institutionCode() : r.institutionName());
        row.put("handled", String.valueOf(r.handled()));
        row.put("avgHours", r.avgHours() == null ? "—" : String.format(Locale.ROOT, "%.1f", r.avgHours()));
        row.put("sentBackPct", r.sentBackPct() == null ? "—" : String.format(Locale.ROOT, "%.1f%%", r.sentBackPct()));
        row.put("overdue", String.valueOf(r.overdueOpen()));
        return row;
    }
}
