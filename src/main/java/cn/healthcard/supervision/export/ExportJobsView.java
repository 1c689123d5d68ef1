package cn.healthcard.supervision.export;

import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/**
 * 「我的导出」: the signed-in user's exports of supervision tables, newest first — direct downloads and background jobs
 * with their progress (refreshed once a second while one runs), the file to download until it expires, and why a job
 * failed. Nobody sees another user's exports.
 */
@Route(value = "supervision/exports", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class ExportJobsView extends VerticalLayout implements HasDynamicTitle {

    private final SupervisionExports exports;
    private final Grid<ExportJob> grid = new Grid<>();
    private Registration polling;

    ExportJobsView(SupervisionExports exports) {
        this.exports = exports;
        setSizeFull();
        add(new H2(getTranslation("supervision.export.jobs.title")),
                new Paragraph(getTranslation("supervision.export.jobs.hint",
                        SupervisionExports.DIRECT_LIMIT)));
        Button refresh = new Button(getTranslation("supervision.export.jobs.refresh"), e -> refresh());
        refresh.setId("export-jobs-refresh");
        add(refresh);
        grid.setId("export-jobs");
        grid.addColumn(j -> ScreenNotices.time(j.createdAt())).setHeader(getTranslation("supervision.export.jobs.at"))
                .setAutoWidth(true);
        grid.addColumn(j -> j.screen().title()).setHeader(getTranslation("supervision.export.jobs.screen"))
                .setAutoWidth(true);
        grid.addColumn(j -> j.format().label()).setHeader(getTranslation("supervision.export.jobs.format"))
                .setAutoWidth(true);
        grid.addColumn(ExportJob::filterSummary).setHeader(getTranslation("supervision.export.jobs.filter"))
                .setFlexGrow(1);
        grid.addColumn(j -> j.status().label() + (j.status().open() ? " " + j.percent() + "%" : ""))
                .setHeader(getTranslation("supervision.export.jobs.status")).setAutoWidth(true);
        grid.addColumn(j -> j.rowsDone() + " / " + j.rowsTotal())
                .setHeader(getTranslation("supervision.export.jobs.rows")).setAutoWidth(true);
        grid.addColumn(j -> ScreenNotices.time(j.expiresAt()))
                .setHeader(getTranslation("supervision.export.jobs.expires")).setAutoWidth(true);
        grid.addComponentColumn(this::file).setHeader(getTranslation("supervision.export.jobs.file"))
                .setAutoWidth(true);
        add(grid);
        expand(grid);
        refresh();
    }

    private Component file(ExportJob job) {
        if (job.status() == ExportStatus.DONE) {
            Anchor link = new Anchor(ExportBar.fileHandler(exports, job.id()), job.fileName());
            link.setId("export-file-" + job.id());
            return link;
        }
        if (job.status() == ExportStatus.FAILED) {
            return new Span(ScreenNotices.orDash(job.error()));
        }
        return new Span("—");
    }

    private void refresh() {
        var jobs = exports.mine();
        grid.setItems(jobs);
        boolean open = jobs.stream().anyMatch(j -> j.status().open());
        getUI().ifPresent(ui -> ui.setPollInterval(open ? ExportBar.POLL_MILLIS : -1));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        polling = event.getUI().addPollListener(e -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("supervision.export.jobs.title") + " · " + getTranslation("app.title");
    }
}
