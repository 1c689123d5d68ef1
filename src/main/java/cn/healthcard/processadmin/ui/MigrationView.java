package cn.healthcard.processadmin.ui;

import cn.healthcard.workflow.ProcessMigrations;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * Migration of running instances (BPM-05, decision 032): the proposed plan from an old version to the new one
 * (activities mapped by id, the old version's activities without a counterpart), the running instances with where
 * they wait and whether they can move; migrate all or the selected ones as a batch, with its progress and the
 * failures per instance; or leave them on the old version (do nothing).
 */
@Route(value = "process-design/migrate", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class MigrationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProcessMigrations migrations;
    private final ProgressBar bar = new ProgressBar(0, 1);
    private final Paragraph progressText = new Paragraph();
    private final Grid<String> failures = new Grid<>();
    private String batchId;
    private Registration polling;

    MigrationView(ProcessMigrations migrations) {
        this.migrations = migrations;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var query = event.getLocation().getQueryParameters().getParameters();
        String source = query.getOrDefault("source", List.of("")).get(0);
        String target = query.getOrDefault("target", List.of("")).get(0);
        removeAll();
        add(new H2(getTranslation("processadmin.migration.title")));
        ScreenNotices.attempt(() -> show(migrations.plan(source, target)));
    }

    private void show(ProcessMigrations.Plan plan) {
        add(new Paragraph(getTranslation("processadmin.migration.from", plan.sourceDefinitionId(),
                plan.targetDefinitionId())));
        Grid<ProcessMigrations.Mapping> mapped = new Grid<>();
        mapped.setId("migration-mapped");
        mapped.addColumn(ProcessMigrations.Mapping::sourceActivityId)
                .setHeader(getTranslation("processadmin.migration.source"));
        mapped.addColumn(ProcessMigrations.Mapping::targetActivityId)
                .setHeader(getTranslation("processadmin.migration.target"));
        mapped.setItems(plan.mapped());
        mapped.setAllRowsVisible(true);
        Paragraph unmapped = new Paragraph(getTranslation("processadmin.migration.unmapped",
                plan.unmapped().isEmpty() ? "—" : String.join("，", plan.unmapped())));
        unmapped.setId("migration-unmapped");
        add(new H3(getTranslation("processadmin.migration.plan")), mapped, unmapped);

        Grid<ProcessMigrations.Instance> instances = new Grid<>();
        instances.setId("migration-instances");
        instances.setSelectionMode(Grid.SelectionMode.MULTI);
        instances.addColumn(ProcessMigrations.Instance::businessKey)
                .setHeader(getTranslation("processadmin.migration.case")).setAutoWidth(true);
        instances.addColumn(i -> String.join("，", i.activities()))
                .setHeader(getTranslation("processadmin.migration.at")).setAutoWidth(true);
        instances.addColumn(i -> getTranslation(i.migratable() ? "processadmin.migration.can"
                : "processadmin.migration.cannot")).setHeader(getTranslation("processadmin.migration.migratable"));
        instances.setItems(plan.instances());
        instances.setAllRowsVisible(true);
        Button selected = new Button(getTranslation("processadmin.migration.runSelected"), e ->
                start(plan, instances.getSelectedItems().stream()
                        .map(ProcessMigrations.Instance::processInstanceId).toList()));
        selected.setId("migrate-selected");
        Button all = new Button(getTranslation("processadmin.migration.runAll"), e -> start(plan, List.of()));
        all.setId("migrate-all");
        all.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button leave = new Button(getTranslation("processadmin.migration.leave"), e -> getUI().ifPresent(ui ->
                ui.navigate("process-design")));
        leave.setId("migrate-leave");
        add(new H3(getTranslation("processadmin.migration.instances", plan.instances().size())), instances,
                new HorizontalLayout(all, selected, leave));

        bar.setId("migration-progress");
        bar.setVisible(false);
        progressText.setId("migration-progress-text");
        failures.setId("migration-failures");
        failures.addColumn(f -> f).setHeader(getTranslation("processadmin.migration.failures"));
        failures.setAllRowsVisible(true);
        failures.setVisible(false);
        add(bar, progressText, failures);
    }

    private void start(ProcessMigrations.Plan plan, List<String> ids) {
        ScreenNotices.attempt(() -> {
            batchId = migrations.migrate(plan.sourceDefinitionId(), plan.targetDefinitionId(), ids);
            ScreenNotices.ok(getTranslation("processadmin.migration.started", batchId));
            bar.setVisible(true);
            getUI().ifPresent(ui -> ui.setPollInterval(1000));
            progress();
        });
    }

    private void progress() {
        if (batchId == null) {
            return;
        }
        ProcessMigrations.Progress p = migrations.progress(batchId);
        bar.setValue(p.total() == 0 ? 1 : (double) p.completed() / p.total());
        progressText.setText(getTranslation("processadmin.migration.progress", p.completed(), p.total(), p.failed()));
        failures.setItems(p.failures());
        failures.setVisible(!p.failures().isEmpty());
        if (p.done() || p.remaining() == 0 && p.failed() == 0) {
            progressText.setText(getTranslation("processadmin.migration.done", p.total()));
            bar.setValue(1);
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = event.getUI().addPollListener(e -> progress());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("processadmin.migration.title");
    }
}
