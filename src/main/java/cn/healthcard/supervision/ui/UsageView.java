package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import cn.healthcard.supervision.UsageRow;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 用卡监管 (SUP-03): card uses and e-card verifications per medical institution and stage (registration,
 * consultation, pharmacy, settlement …), the swipes per period against the previous period. A bar opens the stage's
 * card uses, or the rows of the e-card verification counter (no single verification is stored; decision 039).
 */
@Route(value = "supervision/usage", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class UsageView extends SupervisionScreen<UsageRow> {

    /** The chart's series, in order: series index → measure. */
    static final List<Measure> MEASURES = List.of(Measure.CARD_USES, Measure.ECARD_VERIFICATIONS);
    /** The chart's categories, in order: category index → stage. */
    private List<String> stages = List.of();

    UsageView(SupervisionStatistics statistics, SupervisionExports exports) {
        super(statistics, exports, ExportScreen.USAGE, "supervision.usage.title", "usage");
        addFilters(institution);
        grid.addColumn(UsageRow::period).setHeader(getTranslation("supervision.period")).setAutoWidth(true);
        grid.addColumn(r -> regionName(r.regionCode())).setHeader(getTranslation("supervision.region"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.institutionName() == null ? r.institutionCode() : r.institutionName())
                .setHeader(getTranslation("supervision.institution")).setAutoWidth(true);
        grid.addColumn(r -> label("supervision.stage.", r.stage())).setHeader(getTranslation("supervision.stage"))
                .setAutoWidth(true);
        grid.addColumn(UsageRow::cardUses).setHeader(getTranslation("supervision.measure.CARD_USES"))
                .setAutoWidth(true);
        grid.addColumn(UsageRow::ecardVerifications)
                .setHeader(getTranslation("supervision.measure.ECARD_VERIFICATIONS")).setAutoWidth(true);
        refresh();
    }

    @Override
    protected List<UsageRow> load(StatisticsFilter filter) {
        return statistics.usage(filter);
    }

    @Override
    protected ChartSpec chartOf(List<UsageRow> rows) {
        Map<String, long[]> byStage = new LinkedHashMap<>();
        for (UsageRow row : rows) {
            long[] sums = byStage.computeIfAbsent(row.stage(), k -> new long[2]);
            sums[0] += row.cardUses();
            sums[1] += row.ecardVerifications();
        }
        List<String> stages = List.copyOf(byStage.keySet());
        this.stages = stages;
        var uses = new ChartSpec.SeriesSpec(getTranslation("supervision.measure.CARD_USES"),
                stages.stream().map(s -> (Number) byStage.get(s)[0]).toList());
        var verifications = new ChartSpec.SeriesSpec(getTranslation("supervision.measure.ECARD_VERIFICATIONS"),
                stages.stream().map(s -> (Number) byStage.get(s)[1]).toList());
        return new ChartSpec(ChartSpec.Kind.BAR, getTranslation("supervision.usage.title"),
                getTranslation("supervision.unit.count"),
                stages.stream().map(s -> label("supervision.stage.", s)).toList(), List.of(uses, verifications));
    }

    @Override
    protected Optional<CaseLink> drill(int series, int index) {
        if (series < 0 || series >= MEASURES.size() || index < 0 || index >= stages.size()) {
            return Optional.empty();
        }
        return Optional.of(CaseLink.of(MEASURES.get(series)).scenario(stages.get(index)));
    }

    @Override
    protected Measure seriesMeasure() {
        return Measure.CARD_USES;
    }
}
