package cn.healthcard.processadmin.ui;

import cn.healthcard.processadmin.ProcessAdminService;
import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.processadmin.ProcessVersions;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * 「流程设计」 (BPM-05, decision 032), admins only: every process with its versions (source, time, running instances),
 * whether the shipped file or an admin's change is the latest; per version export, 「在设计器中打开」 (the modeler's
 * route {@code process-design/edit/{definitionId}}), roll back (a reviewed change) and migration of its instances to
 * the latest version; the process's changes, each opening its review screen.
 */
@Route(value = "process-design", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class ProcessDesignView extends VerticalLayout implements HasDynamicTitle {

    private final ProcessAdminService processes;
    private final ProcessChangeService changes;
    private final Grid<ProcessVersions> processGrid = new Grid<>();
    private final Grid<ProcessVersions.Version> versionGrid = new Grid<>();
    private final Grid<ProcessChangeView> changeGrid = new Grid<>();
    private final H3 versionsTitle = new H3();
    private final TextField note = new TextField();
    private ProcessVersions selected;

    ProcessDesignView(ProcessAdminService processes, ProcessChangeService changes) {
        this.processes = processes;
        this.changes = changes;
        setWidthFull();
        add(new H2(getTranslation("processadmin.title")));

        processGrid.setId("process-list");
        processGrid.addColumn(ProcessVersions::key).setHeader(getTranslation("processadmin.key")).setAutoWidth(true);
        processGrid.addColumn(ProcessVersions::name).setHeader(getTranslation("processadmin.name")).setAutoWidth(true);
        processGrid.addColumn(p -> p.versions().get(0).version()).setHeader(getTranslation("processadmin.latest"));
        processGrid.addColumn(p -> getTranslation(p.shippedIsLatest() ? "processadmin.source.shipped"
                : "processadmin.source.admin")).setHeader(getTranslation("processadmin.latestSource"));
        processGrid.addColumn(p -> p.versions().stream().mapToLong(ProcessVersions.Version::runningInstances).sum())
                .setHeader(getTranslation("processadmin.running"));
        processGrid.setAllRowsVisible(true);
        processGrid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        add(processGrid);

        versionGrid.setId("process-versions");
        versionGrid.addColumn(ProcessVersions.Version::version).setHeader(getTranslation("processadmin.version"));
        versionGrid.addColumn(v -> getTranslation("processadmin.source." + v.source()))
                .setHeader(getTranslation("processadmin.source"));
        versionGrid.addColumn(v -> ScreenNotices.time(v.deployedAt())).setHeader(getTranslation("processadmin.deployedAt"))
                .setAutoWidth(true);
        versionGrid.addColumn(ProcessVersions.Version::runningInstances)
                .setHeader(getTranslation("processadmin.running"));
        versionGrid.addComponentColumn(this::actions).setHeader(getTranslation("processadmin.actions"))
                .setAutoWidth(true);
        versionGrid.setAllRowsVisible(true);
        note.setId("rollback-note");
        note.setLabel(getTranslation("processadmin.rollbackNote"));
        note.setMaxLength(ProcessChangeService.MAX_NOTE);
        note.setWidth("30em");
        add(versionsTitle, versionGrid, note);

        changeGrid.setId("process-changes");
        changeGrid.addColumn(ProcessChangeView::changeNo).setHeader(getTranslation("processadmin.changeNo"))
                .setAutoWidth(true);
        changeGrid.addColumn(c -> getTranslation("processadmin.kind." + c.kind())).setHeader(
                getTranslation("processadmin.kind"));
        changeGrid.addColumn(c -> getTranslation("processadmin.status." + c.status().name()))
                .setHeader(getTranslation("processadmin.status"));
        changeGrid.addColumn(ProcessChangeView::submittedBy).setHeader(getTranslation("processadmin.submittedBy"));
        changeGrid.addColumn(c -> ScreenNotices.orDash(c.reviewedBy())).setHeader(getTranslation("processadmin.reviewedBy"));
        changeGrid.addColumn(ProcessChangeView::note).setHeader(getTranslation("processadmin.note")).setFlexGrow(1);
        changeGrid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("process-design/change/"
                + e.getItem().changeId())));
        changeGrid.setAllRowsVisible(true);
        add(new H3(getTranslation("processadmin.changes")), changeGrid);
        refresh();
    }

    private HorizontalLayout actions(ProcessVersions.Version v) {
        Anchor export = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] body = processes.xml(v.definitionId()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(body), selected.key() + "-v" + v.version() + ".bpmn",
                    "application/xml", body.length);
        }), getTranslation("processadmin.export"));
        export.setId("export-" + v.version());
        Button edit = new Button(getTranslation("processadmin.openInModeler"), e -> getUI().ifPresent(ui ->
                ui.navigate("process-design/edit/" + v.definitionId())));
        edit.setId("edit-" + v.version());
        HorizontalLayout row = new HorizontalLayout(export, edit);
        if (!v.latest()) {
            Button rollback = new Button(getTranslation("processadmin.rollback"), e -> ScreenNotices.attempt(() -> {
                ProcessChangeView c = changes.proposeRollback(v.definitionId(), note.getValue());
                ScreenNotices.ok(getTranslation("processadmin.rollbackSubmitted", c.changeNo()));
                refresh();
            }));
            rollback.setId("rollback-" + v.version());
            String latest = selected.versions().get(0).definitionId();
            Button migrate = new Button(getTranslation("processadmin.migrate"), e -> getUI().ifPresent(ui ->
                    ui.navigate("process-design/migrate", QueryParameters.simple(Map.of("source", v.definitionId(),
                            "target", latest)))));
            migrate.setId("migrate-" + v.version());
            migrate.setEnabled(v.runningInstances() > 0);
            migrate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            row.add(rollback, migrate);
        }
        return row;
    }

    private void show(ProcessVersions p) {
        selected = p;
        versionsTitle.setText(p == null ? "" : getTranslation("processadmin.versionsOf", p.name(), p.key()));
        versionGrid.setItems(p == null ? List.of() : p.versions());
        changeGrid.setItems(p == null ? List.of() : changes.ofProcess(p.key()));
    }

    private void refresh() {
        List<ProcessVersions> all = processes.processes();
        processGrid.setItems(all);
        String key = selected == null ? null : selected.key();
        all.stream().filter(p -> p.key().equals(key)).findFirst().ifPresentOrElse(processGrid::select,
                () -> show(null));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("processadmin.title");
    }
}
