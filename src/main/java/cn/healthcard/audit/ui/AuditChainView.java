package cn.healthcard.audit.ui;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.audit.AuditLog.ChainVerification;
import cn.healthcard.audit.AuditLog.ProjectionStatus;
import cn.healthcard.audit.internal.AuditDeadLetters;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * 「审计日志校验」 (SEC-03, BPM-03): verify the audit log's SM3 hash chain — entries checked, duration, entries still
 * pending (committed, not linked yet: decision 008), and either 「完整」 or the first broken entry with its fields — and
 * see the search projection's state; admins also rebuild the
 * search index. Both run off the UI thread ({@link AuditBackgroundTasks}); the screen polls while one runs (the
 * application has no server push). The service checks every role again and records every run in the audit log.
 */
@Route(value = "admin/audit-chain", layout = MainLayout.class)
@RolesAllowed({"AUDITOR", "ADMIN"})
class AuditChainView extends VerticalLayout implements HasDynamicTitle {

    /** How often the browser asks for news while a verification or a rebuild runs. */
    static final int POLL_MILLIS = 500;

    /** The latest dead letters shown. */
    static final int DEAD_LETTERS_SHOWN = 50;

    private final AuditLog auditLog;
    private final AuditBackgroundTasks tasks;
    private int running;

    private final Button verify = new Button();
    private final Component verifying;
    private final Div verifyResult = new Div();
    private final FormLayout status = new FormLayout();
    private final Div rebuildResult = new Div();

    private final AuditDeadLetters deadLetters;
    private final Div deadLetterList = new Div();

    AuditChainView(AuditLog auditLog, AuditBackgroundTasks tasks, AuditDeadLetters deadLetters) {
        this.auditLog = auditLog;
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        boolean admin = SecurityContextUsers.require().has(Role.ADMIN);
        setMaxWidth("72em");
        add(new H2(getTranslation("auditchain.title")), new Paragraph(getTranslation("auditchain.intro")));

        verify.setText(getTranslation("auditchain.verify"));
        verify.setId("audit-chain-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verifying = progress("audit-chain-progress", "auditchain.verifying");
        verify.addClickListener(e -> inBackground(verify, verifying, auditLog::verifyChain, this::showVerification));
        verifyResult.setId("audit-chain-result");
        verifyResult.setWidthFull();
        add(row(verify, verifying), verifyResult);

        add(new H3(getTranslation("auditchain.index.title")));
        status.setId("audit-index-status");
        status.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        add(status);
        var refresh = new Button(getTranslation("auditchain.index.refresh"), e -> refreshStatus());
        refresh.setId("audit-index-refresh");
        var actions = row(refresh);
        if (admin) {
            var rebuild = new Button(getTranslation("auditchain.rebuild"));
            rebuild.setId("audit-index-rebuild");
            rebuild.addThemeVariants(ButtonVariant.LUMO_ERROR);
            Component rebuilding = progress("audit-index-progress", "auditchain.rebuilding");
            rebuild.addClickListener(e -> confirmRebuild(rebuild, rebuilding));
            actions.add(rebuild, rebuilding);
        }
        rebuildResult.setId("audit-index-result");
        add(actions, rebuildResult);
        refreshStatus();

        // entries the batch writer could not append (decision 019): count and the latest ones
        add(new H3(getTranslation("auditchain.dead.title")), new Paragraph(getTranslation("auditchain.dead.intro")));
        deadLetterList.setId("audit-dead-letters");
        deadLetterList.setWidthFull();
        var refreshDead = new Button(getTranslation("auditchain.dead.refresh"), e -> refreshDeadLetters());
        refreshDead.setId("audit-dead-letters-refresh");
        add(deadLetterList, row(refreshDead));
        refreshDeadLetters();
    }

    /** How many dead letters there are, and the latest {@value #DEAD_LETTERS_SHOWN} with their data and error. */
    private void refreshDeadLetters() {
        deadLetterList.removeAll();
        long count = deadLetters.count();
        var total = new Span(getTranslation("auditchain.dead.count", String.valueOf(count)));
        total.setId("audit-dead-letter-count");
        mark(total, count == 0);
        deadLetterList.add(total);
        if (count == 0) {
            return;
        }
        var grid = new com.vaadin.flow.component.grid.Grid<AuditDeadLetters.DeadLetter>();
        grid.setId("audit-dead-letter-grid");
        grid.addColumn(d -> ChinaTime.seconds(d.failedAt())).setHeader(getTranslation("auditchain.dead.failedAt"))
                .setAutoWidth(true);
        grid.addColumn(d -> ChinaTime.seconds(d.occurredAt()))
                .setHeader(getTranslation("auditchain.field.occurredAt")).setAutoWidth(true);
        grid.addColumn(AuditDeadLetters.DeadLetter::eventType)
                .setHeader(getTranslation("auditchain.field.eventType")).setAutoWidth(true);
        grid.addColumn(AuditDeadLetters.DeadLetter::error).setHeader(getTranslation("auditchain.dead.error"))
                .setFlexGrow(1);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(d -> {
            var data = new com.vaadin.flow.component.html.Pre(d.entryData());
            data.getStyle().set("white-space", "pre-wrap").set("word-break", "break-all");
            return data;
        }));
        grid.setItems(deadLetters.latest(DEAD_LETTERS_SHOWN));
        grid.setAllRowsVisible(true);
        deadLetterList.add(grid);
    }

    private void confirmRebuild(Button rebuild, Component rebuilding) {
        var dialog = new ConfirmDialog();
        dialog.setId("audit-index-rebuild-dialog");
        dialog.setHeader(getTranslation("auditchain.rebuild.confirm.header"));
        dialog.setText(getTranslation("auditchain.rebuild.confirm.text", auditLog.projectionStatus().index()));
        var confirm = new Button(getTranslation("auditchain.rebuild.confirm"), e -> {
            dialog.close();
            long start = System.nanoTime();
            inBackground(rebuild, rebuilding, auditLog::rebuildSearchIndex,
                    indexed -> showRebuilt(indexed, Duration.ofNanos(System.nanoTime() - start)));
        });
        confirm.setId("audit-index-rebuild-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.setConfirmButton(confirm);
        var cancel = new Button(getTranslation("auditchain.rebuild.cancel"), e -> dialog.close());
        cancel.setId("audit-index-rebuild-cancel");
        dialog.setCancelable(true);
        dialog.setCancelButton(cancel);
        dialog.open();
    }

    /**
     * Runs {@code work} on a background thread and shows its result through {@link UI#access}; the trigger is off and
     * the progress indicator on meanwhile, and the UI polls so that the result arrives without a user action.
     */
    private <T> void inBackground(Button trigger, Component progress, Supplier<T> work, Consumer<T> done) {
        UI ui = UI.getCurrent();
        trigger.setEnabled(false);
        progress.setVisible(true);
        running++;
        ui.setPollInterval(POLL_MILLIS);
        tasks.submit(work).whenComplete((result, error) -> {
            try {
                ui.access(() -> {
                    if (--running == 0) {
                        ui.setPollInterval(-1);
                    }
                    trigger.setEnabled(true);
                    progress.setVisible(false);
                    if (error != null) {
                        showError(error instanceof CompletionException c && c.getCause() != null ? c.getCause()
                                : error);
                    } else {
                        done.accept(result);
                    }
                    refreshStatus();
                });
            } catch (UIDetachedException closed) {
                // the browser window is gone; the run is in the audit log all the same
            }
        });
    }

    private void showVerification(ChainVerification result) {
        verifyResult.removeAll();
        var state = new Span(getTranslation(result.intact() ? "auditchain.intact" : "auditchain.broken"));
        state.setId("audit-chain-state");
        mark(state, result.intact()).getStyle().set("font-size", "var(--lumo-font-size-l)");
        var checked = new Span(getTranslation("auditchain.checked", result.entries(), duration(result.duration())));
        checked.setId("audit-chain-checked");
        var pending = new Span(getTranslation("auditchain.pending", result.pending()));
        pending.setId("audit-chain-pending");
        var line = row(state, checked, pending);
        verifyResult.add(line);
        if (result.intact()) {
            return;
        }
        long id = result.firstBrokenId();
        var first = new Paragraph(getTranslation("auditchain.firstBroken", String.valueOf(id)));
        first.setId("audit-chain-broken-id");
        first.getStyle().set("font-weight", "600").set("color", "var(--lumo-error-text-color)");
        verifyResult.add(first);
        auditLog.chainEntry(id).ifPresentOrElse(link -> verifyResult.add(entryFields(link)),
                () -> verifyResult.add(new Paragraph(getTranslation("auditchain.entryMissing", String.valueOf(id)))));
    }

    private FormLayout entryFields(AuditLog.ChainEntry link) {
        AuditLog.Entry e = link.entry();
        var fields = new FormLayout();
        fields.setId("audit-chain-broken-entry");
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        field(fields, "auditchain.field.id", String.valueOf(e.id()));
        field(fields, "auditchain.field.occurredAt", ChinaTime.seconds(e.occurredAt()));
        field(fields, "auditchain.field.eventType", e.eventType());
        field(fields, "auditchain.field.actor", e.actor());
        field(fields, "auditchain.field.institution", e.institutionCode());
        field(fields, "auditchain.field.region", e.regionCode());
        field(fields, "auditchain.field.subject", e.subjectType() + " " + e.subjectId());
        field(fields, "auditchain.field.channel", e.channel());
        field(fields, "auditchain.field.cardNo", e.cardNo());
        field(fields, "auditchain.field.caseRef", e.caseRef());
        wide(fields, field(fields, "auditchain.field.detail", e.detail()));
        wide(fields, hash(field(fields, "auditchain.field.prevHash", link.prevHash())));
        wide(fields, hash(field(fields, "auditchain.field.hash", link.hash())));
        return fields;
    }

    private void showRebuilt(long indexed, Duration took) {
        rebuildResult.removeAll();
        var text = new Span(getTranslation("auditchain.rebuilt", indexed, duration(took)));
        text.setId("audit-index-rebuilt");
        mark(text, true);
        rebuildResult.add(text);
    }

    private void refreshStatus() {
        ProjectionStatus s = auditLog.projectionStatus();
        status.removeAll();
        field(status, "auditchain.index.name", s.index());
        field(status, "auditchain.index.pending", String.valueOf(s.pendingEntries())).setId("audit-index-pending");
        field(status, "auditchain.index.lastRound", s.lastSuccessfulRound() == null
                ? getTranslation("auditchain.index.never") : ChinaTime.seconds(s.lastSuccessfulRound()));
        Span failing = field(status, "auditchain.index.failing",
                getTranslation(s.failing() ? "auditchain.yes" : "auditchain.no"));
        failing.setId("audit-index-failing");
        mark(failing, !s.failing());
    }

    private void showError(Throwable error) {
        String text = error instanceof AccessDeniedException ? getTranslation("error.accessDenied")
                : getTranslation("auditchain.failed", String.valueOf(error.getMessage()));
        Notification.show(text, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private Span field(FormLayout form, String labelKey, String value) {
        var span = new Span(value == null || value.isEmpty() ? "—" : value);
        form.addFormItem(span, getTranslation(labelKey));
        return span;
    }

    /** A value spanning both columns of its form. */
    private static void wide(FormLayout form, Span value) {
        value.getParent().ifPresent(item -> form.setColspan(item, 2));
    }

    /** Green for good news, red for bad: Lumo's own colours, no theme needed. */
    private static Span mark(Span span, boolean good) {
        String color = good ? "success" : "error";
        span.getStyle().set("color", "var(--lumo-" + color + "-text-color)")
                .set("background", "var(--lumo-" + color + "-color-10pct)").set("font-weight", "600")
                .set("padding", "0.1em 0.6em").set("border-radius", "var(--lumo-border-radius-m)");
        return span;
    }

    private static Span hash(Span span) {
        span.getStyle().set("font-family", "monospace").set("word-break", "break-all");
        return span;
    }

    private Component progress(String id, String textKey) {
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.setWidth("10em");
        var box = row(bar, new Span(getTranslation(textKey)));
        box.setId(id);
        box.setVisible(false);
        return box;
    }

    private static HorizontalLayout row(Component... components) {
        var row = new HorizontalLayout(components);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.setWrap(true);
        return row;
    }

    private String duration(Duration d) {
        return d.toMillis() < 1000 ? getTranslation("auditchain.ms", String.valueOf(d.toMillis()))
                : getTranslation("auditchain.seconds", String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("auditchain.title") + " · " + getTranslation("app.title");
    }
}
