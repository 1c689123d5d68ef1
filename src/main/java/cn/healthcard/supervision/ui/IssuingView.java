package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * 发卡监管 (SUP-02): cards applied, made, issued, signed for and not signed for, per region at the caller's next level,
 * with the applications per period against the previous period. A bar opens the cases behind it. The 未领取 bar is
 * the list's own number (issued in the range, not signed for by its end), not the sum of the table's per-period
 * column, so a bar always equals the list it opens.
 */
@Route(value = "supervision/issuing", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class IssuingView extends SupervisionScreen<IssuingRow> {

    /** The chart's series, in order: series index → measure. */
    static final List<Measure> MEASURES = List.of(Measure.APPLIED, Measure.MADE, Measure.ISSUED, Measure.SIGNED,
            Measure.UNSIGNED);
    private static final List<ToLongFunction<IssuingRow>> VALUES = List.of(IssuingRow::applied, IssuingRow::made,
            IssuingRow::issued, IssuingRow::signed, IssuingRow::unsigned);

    /** The chart's categories, in order: category index → region code. */
    private List<String> regions = List.of();

    IssuingView(SupervisionStatistics statistics, SupervisionExports exports) {
        super(statistics, exports, ExportScreen.ISSUING, "supervision.issuing.title", "issuing");
        addFilters(institution);
        grid.addColumn(IssuingRow::period).setHeader(getTranslation("supervision.period")).setAutoWidth(true);
        grid.addColumn(IssuingRow::regionName).setHeader(getTranslation("supervision.region")).setAutoWidth(true);
        grid.addColumn(r -> r.institutionName() == null ? "—" : r.institutionName())
                .setHeader(getTranslation("supervision.institution")).setAutoWidth(true);
        for (int i = 0; i < MEASURES.size(); i++) {
            var value = VALUES.get(i);
            grid.addColumn(value::applyAsLong)
                    .setHeader(getTranslation("supervision.measure." + MEASURES.get(i).name())).setAutoWidth(true);
        }
        refresh();
    }

    @Override
    protected List<IssuingRow> load(StatisticsFilter filter) {
        return statistics.issuing(filter);
    }

    @Override
    protected ChartSpec chartOf(List<IssuingRow> rows) {
        throw new UnsupportedOperationException("drawn with the filter");
    }

    @Override
    protected ChartSpec chartOf(List<IssuingRow> rows, StatisticsFilter filter) {
        Map<String, long[]> byRegion = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (IssuingRow row : rows) {
            long[] sums = byRegion.computeIfAbsent(row.regionCode(), k -> new long[MEASURES.size()]);
            names.putIfAbsent(row.regionCode(), row.regionName());
            for (int i = 0; i < VALUES.size(); i++) {
                sums[i] += VALUES.get(i).applyAsLong(row);
            }
        }
        List<String> drawn = byRegion.keySet().stream().sorted().toList(); // by code, whatever order the rows come in
        int unsigned = MEASURES.indexOf(Measure.UNSIGNED);
        for (String region : drawn) {
            byRegion.get(region)[unsigned] = statistics.countCases(Measure.UNSIGNED, filter.withRegion(region));
        }
        List<String> regions = drawn;
        List<ChartSpec.SeriesSpec> series = new ArrayList<>();
        for (int i = 0; i < MEASURES.size(); i++) {
            int m = i;
            series.add(new ChartSpec.SeriesSpec(getTranslation("supervision.measure." + MEASURES.get(i).name()),
                    regions.stream().map(r -> (Number) byRegion.get(r)[m]).toList()));
        }
        this.regions = regions; // the click mapping, set only once every service call has succeeded
        return new ChartSpec(ChartSpec.Kind.BAR, getTranslation("supervision.issuing.title"),
                getTranslation("supervision.unit.cards"), regions.stream().map(names::get).toList(), series);
    }

    @Override
    protected Optional<CaseLink> drill(int series, int index) {
        if (series < 0 || series >= MEASURES.size() || index < 0 || index >= regions.size()) {
            return Optional.empty();
        }
        return Optional.of(CaseLink.of(MEASURES.get(series)).region(regions.get(index)));
    }

    @Override
    protected Measure seriesMeasure() {
        return Measure.APPLIED;
    }
}
