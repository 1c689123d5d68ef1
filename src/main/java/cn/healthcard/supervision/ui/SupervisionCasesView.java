package cn.healthcard.supervision.ui;

import cn.healthcard.card.CardStatus;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportBar;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.stream.Collectors;

/**
 * The cases or cards behind one number of a supervision chart (drill-down): a lazy list over
 * {@link SupervisionStatistics#cases}, names masked. The address's values are validated again ({@link CaseQuery})
 * and the service checks them once more against the caller's scope; a value that fails shows an error and no data.
 */
@Route(value = "supervision/cases", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class SupervisionCasesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String MEASURE = "measure";
    static final String FROM = "from";
    static final String TO = "to";
    static final String REGION = "region";
    static final String INSTITUTION = "institution";
    static final String MAKER = "maker";
    static final String SCENARIO = "scenario";
    static final String STATUS = "status";
    /** Rows per page; the service allows up to 200. */
    static final int PAGE = 50;

    private final SupervisionStatistics statistics;
    private final Span summary = new Span();
    private final Span error = new Span();
    private final Grid<CaseRow> grid = new Grid<>();
    private final ExportBar export;
    /** The validated address shown, which the export lists; {@code null} while none is. */
    private CaseQuery shown;

    SupervisionCasesView(SupervisionStatistics statistics, SupervisionExports exports) {
        this.statistics = statistics;
        this.export = new ExportBar(exports, ExportScreen.CASES, () -> shown.filter(), null)
                .withMeasure(() -> shown.measure());
        setSizeFull();
        add(new H2(getTranslation("supervision.cases.title")));
        summary.setId("cases-summary");
        error.setId("cases-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        grid.setId("cases-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPageSize(PAGE);
        grid.addColumn(CaseRow::caseNo).setHeader(getTranslation("supervision.cases.caseNo")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation("supervision.cases.kind." + r.kind()))
                .setHeader(getTranslation("supervision.cases.kind")).setAutoWidth(true);
        grid.addColumn(r -> SupervisionScreen.regionName(r.regionCode()))
                .setHeader(getTranslation("supervision.region")).setAutoWidth(true);
        grid.addColumn(r -> ScreenNotices.orDash(r.institutionCode()))
                .setHeader(getTranslation("supervision.institution")).setAutoWidth(true);
        grid.addColumn(CaseRow::maskedName).setHeader(getTranslation("supervision.cases.name")).setAutoWidth(true);
        grid.addColumn(r -> status(r.kind(), r.status())).setHeader(getTranslation("supervision.cases.status"))
                .setAutoWidth(true);
        grid.addColumn(r -> ScreenNotices.orDash(r.date())).setHeader(getTranslation("supervision.cases.date"))
                .setAutoWidth(true);
        export.setVisible(false);
        add(summary, error, export, grid);
        setFlexGrow(1, grid);
    }

    /** A status in words: an application's, a card's or a request's by its enum; a task's is its name already. */
    private String status(String kind, String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        boolean en = ScreenNotices.english(getLocale());
        try {
            return switch (kind) {
                case "APPLICATION" -> en ? ApplicationStatus.valueOf(status).nameEn()
                        : ApplicationStatus.valueOf(status).nameZh();
                case "CARD" -> en ? CardStatus.valueOf(status).nameEn() : CardStatus.valueOf(status).nameZh();
                case "REQUEST" -> en ? RequestStatus.valueOf(status).nameEn() : RequestStatus.valueOf(status).nameZh();
                default -> status;
            };
        } catch (IllegalArgumentException unknown) {
            return status;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("supervision.cases.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CaseQuery query = CaseQuery.parse(event.getLocation().getQueryParameters().getParameters(),
                SecurityContextUsers.require());
        grid.setItems(java.util.List.of());
        shown = null;
        export.setVisible(false);
        if (!query.valid()) {
            String message = query.errors().stream().map(this::getTranslation).collect(Collectors.joining("；"));
            error.setText(message);
            summary.setText("");
            ScreenNotices.error(message);
            return;
        }
        long[] total = {0};
        boolean ok = ScreenNotices.attempt(() -> total[0] = statistics.countCases(query.measure(), query.filter()));
        if (!ok) {
            error.setText(getTranslation("supervision.cases.refused"));
            summary.setText("");
            return;
        }
        error.setText("");
        shown = query;
        export.setVisible(true);
        var f = query.filter();
        summary.setText(getTranslation("supervision.cases.summary",
                getTranslation("supervision.measure." + query.measure().name()), f.from(), f.to(),
                f.regionCode() == null ? getTranslation("supervision.region.own")
                        : SupervisionScreen.regionName(f.regionCode()),
                total[0]));
        grid.setItems(q -> statistics.cases(query.measure(), f, q.getPage(), q.getPageSize()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, statistics.countCases(query.measure(), f)));
    }
}
