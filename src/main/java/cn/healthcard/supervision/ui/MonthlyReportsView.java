package cn.healthcard.supervision.ui;

import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.monthly.MonthlyReport;
import cn.healthcard.supervision.monthly.MonthlyReports;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * 月度报告 (BPM-06, STAT-01; decision 037): the monthly reports of the user's region and those below, newest first,
 * each with its PDF (published ones for all in scope, drafts only for the supervisors of the report's own region;
 * every download audited). An admin may open a month again (catch-up).
 */
@Route(value = "supervision/monthly-reports", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class MonthlyReportsView extends VerticalLayout implements HasDynamicTitle {

    private final MonthlyReports reports;
    private final TextField month = new TextField();
    private final Grid<MonthlyReport> grid = new Grid<>();
    private final Span empty = new Span();

    MonthlyReportsView(MonthlyReports reports) {
        this.reports = reports;
        setWidthFull();
        add(new H2(getTranslation("monthly.title")));
        month.setLabel(getTranslation("monthly.month"));
        month.setPlaceholder("2026-11");
        month.setMaxLength(7);
        month.setClearButtonVisible(true);
        month.setId("monthly-month");
        Button search = new Button(getTranslation("monthly.search"), e -> refresh());
        search.setId("monthly-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(month, search);
        if (SecurityContextUsers.require().has(Role.ADMIN)) {
            Button open = new Button(getTranslation("monthly.open"), e -> open());
            open.setId("monthly-open");
            filters.add(open);
        }
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(filters);

        grid.setId("monthly-reports");
        grid.addColumn(MonthlyReport::month).setHeader(getTranslation("monthly.month")).setAutoWidth(true);
        grid.addColumn(MonthlyReport::regionName).setHeader(getTranslation("monthly.region")).setAutoWidth(true);
        grid.addColumn(r -> english() ? r.status().nameEn() : r.status().nameZh())
                .setHeader(getTranslation("monthly.status")).setAutoWidth(true);
        grid.addComponentColumn(this::download).setHeader(getTranslation("monthly.download")).setAutoWidth(true);
        grid.addColumn(MonthlyReport::reportNo).setHeader(getTranslation("monthly.reportNo")).setAutoWidth(true);
        grid.addColumn(MonthlyReport::generation).setHeader(getTranslation("monthly.generation")).setAutoWidth(true);
        grid.addColumn(r -> r.publishedAt() == null ? "—" : ScreenNotices.time(r.publishedAt()))
                .setHeader(getTranslation("monthly.published")).setAutoWidth(true);
        grid.addColumn(r -> ScreenNotices.orDash(r.summary())).setHeader(getTranslation("monthly.summary"))
                .setWidth("20em").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        empty.setText(getTranslation("monthly.none"));
        add(grid, empty);
        refresh();
    }

    private boolean english() {
        return ScreenNotices.english(getLocale());
    }

    private Component download(MonthlyReport r) {
        if (r.sm3() == null) {
            return new Span("—");
        }
        Anchor link = new Anchor(DownloadHandler.fromInputStream(e -> {
            MonthlyReports.ReportFile file = reports.pdf(r.reportNo());
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(), "application/pdf",
                    file.content().length);
        }), getTranslation("monthly.download"));
        link.setId("monthly-pdf-" + r.reportNo());
        link.setTarget("_blank");
        return link;
    }

    private void refresh() {
        String m = ScreenNotices.blankToNull(month.getValue());
        ScreenNotices.attempt(() -> {
            List<MonthlyReport> rows = reports.list(m == null ? null : m.trim());
            grid.setItems(rows);
            empty.setVisible(rows.isEmpty());
        });
    }

    private void open() {
        ScreenNotices.attempt(() -> {
            MonthlyReports.Opened opened = reports.open(reports.month(month.getValue()));
            if (opened.failed().isEmpty()) {
                ScreenNotices.ok(getTranslation("monthly.opened", opened.opened().size()));
            } else {
                ScreenNotices.error(getTranslation("monthly.opened.failed", opened.opened().size(),
                        String.join("、", opened.failed())));
            }
            refresh();
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("monthly.title");
    }
}
