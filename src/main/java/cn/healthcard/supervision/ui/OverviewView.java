package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.OverviewRow;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportBar;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.html.Anchor;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 综合统计 (STAT-01): institutions by kind, cards by status, SAM cards by state, filings by status and actual use, one
 * category at a time as a pie, all of them in the table; below, the applications by category (APP-04: sex, age band,
 * document type, channel), and links to the request statistics (LC-07) and the SAM screens (SAM-05).
 */
@Route(value = "statistics/overview", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class OverviewView extends SupervisionScreen<OverviewRow> {

    private final Select<String> category = new Select<>();
    private final Grid<OverviewRow> applications = new Grid<>();
    private List<OverviewRow> all = List.of();

    OverviewView(SupervisionStatistics statistics, SupervisionExports exports) {
        super(statistics, exports, ExportScreen.OVERVIEW, "supervision.overview.title", "overview");
        granularity.setVisible(false);
        compare.setVisible(false);
        category.setLabel(getTranslation("supervision.category"));
        category.setId("sup-category");
        category.setItemLabelGenerator(c -> label("supervision.category.", c));
        category.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                chart.setSpec(pie(all));
            }
        });
        addFilters(category);
        grid.addColumn(r -> label("supervision.category.", r.category()))
                .setHeader(getTranslation("supervision.category")).setAutoWidth(true);
        grid.addColumn(r -> r.label() == null ? r.item() : r.label()).setHeader(getTranslation("supervision.item"))
                .setAutoWidth(true);
        grid.addColumn(OverviewRow::count).setHeader(getTranslation("supervision.count")).setAutoWidth(true);

        applications.setId("overview-applications");
        applications.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        applications.setAllRowsVisible(true);
        applications.addColumn(r -> label("supervision.category.", r.category()))
                .setHeader(getTranslation("supervision.category")).setAutoWidth(true);
        applications.addColumn(r -> r.label() == null ? r.item() : r.label())
                .setHeader(getTranslation("supervision.item")).setAutoWidth(true);
        applications.addColumn(OverviewRow::count).setHeader(getTranslation("supervision.count")).setAutoWidth(true);
        var links = new HorizontalLayout();
        links.setId("overview-links");
        links.add(new Anchor("statistics/card-requests", getTranslation("nav.statistics")));
        links.add(new Anchor("sam/supervision", getTranslation("samsupply.nav.supervision")));
        links.add(new Anchor("sam/statistics", getTranslation("sam.usage.title")));
        add(new H3(getTranslation("supervision.overview.applications")),
                new ExportBar(exports, ExportScreen.APPLICATIONS, this::shownFilter, null), applications, links);
        refresh();
    }

    @Override
    protected List<OverviewRow> load(StatisticsFilter filter) {
        List<OverviewRow> rows = statistics.overview(filter);
        applications.setItems(statistics.applicationCategories(filter));
        return rows;
    }

    @Override
    protected ChartSpec chartOf(List<OverviewRow> rows) {
        all = rows;
        List<String> categories = rows.stream().map(OverviewRow::category).distinct().toList();
        String chosen = category.getValue();
        category.setItems(categories);
        if (!categories.isEmpty()) {
            category.setValue(categories.contains(chosen) ? chosen : categories.get(0));
        }
        return pie(rows);
    }

    private ChartSpec pie(List<OverviewRow> rows) {
        String chosen = category.getValue();
        List<String> items = new ArrayList<>();
        List<Number> counts = new ArrayList<>();
        rows.stream().filter(r -> r.category().equals(chosen)).forEach(r -> {
            items.add(r.label() == null ? r.item() : r.label());
            counts.add(r.count());
        });
        String title = chosen == null ? getTranslation("supervision.overview.title")
                : label("supervision.category.", chosen);
        return new ChartSpec(ChartSpec.Kind.PIE, title, getTranslation("supervision.unit.count"), items,
                List.of(new ChartSpec.SeriesSpec(title, counts)));
    }

    /**
     * A slice opens its list (decision 039): cards by status the cards of that status, SAM cards by state the SAM cards,
     * filings by status the filings, institutions by kind the institutions, requests by type the requests of that
     * type in the range. Products in use have no rows of their own (quantities per centre): no list.
     */
    @Override
    protected Optional<CaseLink> drill(int series, int index) {
        String chosen = category.getValue();
        if (chosen != null && all != null) {
            List<OverviewRow> slices = all.stream().filter(r -> r.category().equals(chosen)).toList();
            if (index >= 0 && index < slices.size()) {
                String item = slices.get(index).item();
                Optional<CaseLink> link = switch (chosen) {
                    case "CARDS" -> Optional.of(CaseLink.of(Measure.CARD_STATUS).status(item));
                    case "SAM" -> Optional.of(CaseLink.of(Measure.SAM_STATE).status(item));
                    case "FILINGS" -> Optional.of(CaseLink.of(Measure.FILING_STATUS).status(item));
                    case "INSTITUTIONS" -> Optional.of(CaseLink.of(Measure.INSTITUTION_KIND).status(item));
                    case "REQUESTS" -> Optional.of(CaseLink.of(Measure.CARD_REQUESTS).requestType(item));
                    default -> Optional.empty();
                };
                if (link.isPresent()) {
                    return link;
                }
            }
        }
        ScreenNotices.ok(getTranslation("supervision.noList"));
        return Optional.empty();
    }
}
