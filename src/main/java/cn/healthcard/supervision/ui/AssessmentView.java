package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 考核评估 (SUP-04): each institution's work — tasks handled, hours to handle (average, 90th percentile), shares sent
 * back and rejected, open tasks overdue. The chart draws the {@value TopCategories#TOP} institutions with the most
 * tasks, the rest as 其他. A bar opens the institution's tasks completed in the range or its overdue tasks
 * (decision 039); 其他 opens nothing.
 */
@Route(value = "supervision/assessment", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class AssessmentView extends SupervisionScreen<AssessmentRow> {

    /** The chart's series, in order: series index → measure. */
    private static final List<Measure> MEASURES = List.of(Measure.HANDLED, Measure.OVERDUE);
    /** The chart's categories, in order: category index → the row (institution and its region). */
    private List<AssessmentRow> shownRows = List.of();

    AssessmentView(SupervisionStatistics statistics, SupervisionExports exports) {
        super(statistics, exports, ExportScreen.ASSESSMENT, "supervision.assessment.title", "assessment");
        addFilters(institution);
        grid.addColumn(r -> regionName(r.regionCode())).setHeader(getTranslation("supervision.region"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.institutionName() == null ? r.institutionCode() : r.institutionName())
                .setHeader(getTranslation("supervision.institution")).setAutoWidth(true);
        grid.addColumn(AssessmentRow::handled).setHeader(getTranslation("supervision.measure.HANDLED"))
                .setAutoWidth(true);
        grid.addColumn(r -> hours(r.avgHours())).setHeader(getTranslation("supervision.avgHours")).setAutoWidth(true);
        grid.addColumn(r -> hours(r.p90Hours())).setHeader(getTranslation("supervision.p90Hours")).setAutoWidth(true);
        grid.addColumn(r -> ProductionView.percent(r.sentBackPct())).setHeader(getTranslation("supervision.sentBack"))
                .setAutoWidth(true);
        grid.addColumn(r -> ProductionView.percent(r.rejectedPct())).setHeader(getTranslation("supervision.rejected"))
                .setAutoWidth(true);
        grid.addColumn(AssessmentRow::overdueOpen).setHeader(getTranslation("supervision.measure.OVERDUE"))
                .setAutoWidth(true);
        refresh();
    }

    private static String hours(Double value) {
        return value == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    @Override
    protected List<AssessmentRow> load(StatisticsFilter filter) {
        return statistics.assessment(filter);
    }

    @Override
    protected ChartSpec chartOf(List<AssessmentRow> rows) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            AssessmentRow r = rows.get(i);
            sums.put(Integer.toString(i), new long[] {r.handled(), r.overdueOpen()});
            names.put(Integer.toString(i), r.institutionName() == null ? r.institutionCode() : r.institutionName());
        }
        var top = TopCategories.of(sums, -1, names, getTranslation("supervision.chart.others"));
        var handled = new ChartSpec.SeriesSpec(getTranslation("supervision.measure.HANDLED"), top.values(0));
        var overdue = new ChartSpec.SeriesSpec(getTranslation("supervision.measure.OVERDUE"), top.values(1));
        shownRows = top.keys().stream().map(k -> rows.get(Integer.parseInt(k))).toList(); // 其他 maps to none
        return new ChartSpec(ChartSpec.Kind.BAR, getTranslation("supervision.assessment.title"),
                getTranslation("supervision.unit.tasks"), top.labels(), List.of(handled, overdue));
    }

    @Override
    protected Optional<CaseLink> drill(int series, int index) {
        if (series < 0 || series >= MEASURES.size() || index < 0 || index >= shownRows.size()) {
            return Optional.empty();
        }
        AssessmentRow row = shownRows.get(index);
        return Optional.of(CaseLink.of(MEASURES.get(series)).region(row.regionCode())
                .institution(row.institutionCode()));
    }

    @Override
    protected Measure seriesMeasure() {
        return Measure.HANDLED;
    }
}
