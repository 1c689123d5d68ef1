package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 制卡监管 (SUP-01): per card maker, plan and batch the cards ordered, made, failed and scrapped, progress and success
 * rate. The chart sums per maker: the {@value TopCategories#TOP} largest by cards made, the rest as 其他. A bar opens
 * the maker's cards made, failed answers or scrapped answers (decision 039); 其他 opens nothing.
 */
@Route(value = "supervision/production", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class ProductionView extends SupervisionScreen<ProductionRow> {

    /** The chart's series, in order: series index → measure. */
    static final List<Measure> MEASURES = List.of(Measure.MADE, Measure.FAILED, Measure.SCRAPPED);

    private final TextField maker = codeField("supervision.maker", "sup-maker", "makerCode");
    /** The chart's categories, in order: category index → maker code (其他 maps to none). */
    private List<String> makers = List.of();

    ProductionView(SupervisionStatistics statistics, SupervisionExports exports) {
        super(statistics, exports, ExportScreen.PRODUCTION, "supervision.production.title", "production");
        addFilters(maker);
        grid.addColumn(ProductionRow::period).setHeader(getTranslation("supervision.period")).setAutoWidth(true);
        grid.addColumn(ProductionRow::makerName).setHeader(getTranslation("supervision.maker")).setAutoWidth(true);
        grid.addColumn(r -> ScreenNotices.orDash(r.planNo())).setHeader(getTranslation("supervision.plan"))
                .setAutoWidth(true);
        grid.addColumn(r -> ScreenNotices.orDash(r.batchNo())).setHeader(getTranslation("supervision.batch"))
                .setAutoWidth(true);
        grid.addColumn(ProductionRow::ordered).setHeader(getTranslation("supervision.ordered")).setAutoWidth(true);
        grid.addColumn(ProductionRow::made).setHeader(getTranslation("supervision.measure.MADE")).setAutoWidth(true);
        grid.addColumn(ProductionRow::failed).setHeader(getTranslation("supervision.measure.FAILED"))
                .setAutoWidth(true);
        grid.addColumn(ProductionRow::scrapped).setHeader(getTranslation("supervision.measure.SCRAPPED")).setAutoWidth(true);
        grid.addColumn(ProductionRow::open).setHeader(getTranslation("supervision.open")).setAutoWidth(true);
        grid.addColumn(r -> percent(r.progressPct())).setHeader(getTranslation("supervision.progress"))
                .setAutoWidth(true);
        grid.addColumn(r -> percent(r.successPct())).setHeader(getTranslation("supervision.success"))
                .setAutoWidth(true);
        refresh();
    }

    static String percent(Double value) {
        return value == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", value);
    }

    @Override
    protected StatisticsFilter narrow(StatisticsFilter filter) {
        return new StatisticsFilter(filter.from(), filter.to(), filter.granularity(), filter.regionCode(),
                filter.institutionCode(), blankToNull(maker.getValue()), filter.scenario(), filter.compare());
    }

    @Override
    protected List<ProductionRow> load(StatisticsFilter filter) {
        return statistics.production(filter);
    }

    @Override
    protected ChartSpec chartOf(List<ProductionRow> rows) {
        Map<String, long[]> byMaker = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (ProductionRow row : rows) {
            long[] sums = byMaker.computeIfAbsent(row.makerCode(), k -> new long[3]);
            names.putIfAbsent(row.makerCode(), row.makerName());
            sums[0] += row.made();
            sums[1] += row.failed();
            sums[2] += row.scrapped();
        }
        var top = TopCategories.of(byMaker, 0, names, getTranslation("supervision.chart.others"));
        List<ChartSpec.SeriesSpec> series = new ArrayList<>();
        for (int i = 0; i < MEASURES.size(); i++) {
            series.add(new ChartSpec.SeriesSpec(getTranslation("supervision.measure." + MEASURES.get(i).name()),
                    top.values(i)));
        }
        makers = top.keys();
        return new ChartSpec(ChartSpec.Kind.STACKED_BAR, getTranslation("supervision.production.title"),
                getTranslation("supervision.unit.cards"), top.labels(), series);
    }

    @Override
    protected Optional<CaseLink> drill(int series, int index) {
        if (series < 0 || series >= MEASURES.size() || index < 0 || index >= makers.size()) {
            return Optional.empty();
        }
        return Optional.of(CaseLink.of(MEASURES.get(series)).maker(makers.get(index)));
    }

    @Override
    protected Measure seriesMeasure() {
        return Measure.MADE;
    }
}
