package cn.healthcard.processadmin.ui;

import cn.healthcard.processadmin.ModelDiff;
import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.workflow.ProcessRules;
import cn.healthcard.workflow.Review;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The review of a process change (BPM-05, decision 032): its note, the diff against the base version (added, removed,
 * changed elements with what changed), the check result by element, and — for an admin other than the submitter,
 * while it waits for review — approve (deploys it), send back or reject.
 */
@Route(value = "process-design/change/:changeId", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class ChangeReviewView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProcessChangeService changes;

    ChangeReviewView(ProcessChangeService changes) {
        this.changes = changes;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("changeId").orElse("");
        removeAll();
        ScreenNotices.attempt(() -> show(changes.get(id)));
    }

    private void show(ProcessChangeView c) {
        add(new H2(getTranslation("processadmin.change.title", c.changeNo())));
        Paragraph meta = new Paragraph(getTranslation("processadmin.change.meta", c.processKey(),
                getTranslation("processadmin.kind." + c.kind()), c.baseDefinitionId(), c.submittedBy(),
                getTranslation("processadmin.status." + c.status().name())));
        meta.setId("change-meta");
        Paragraph note = new Paragraph(getTranslation("processadmin.note") + "：" + c.note());
        add(meta, note);
        if (c.definitionId() != null) {
            add(new Paragraph(getTranslation("processadmin.change.deployed", c.definitionId(), c.reviewedBy())));
        }
        if (c.reviewComment() != null) {
            add(new Paragraph(getTranslation("processadmin.change.comment", c.reviewComment())));
        }

        Grid<ModelDiff.Entry> diff = new Grid<>();
        diff.setId("change-diff");
        diff.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        diff.addColumn(e -> getTranslation("processadmin.diff." + e.kind().name()))
                .setHeader(getTranslation("processadmin.diff.kind")).setAutoWidth(true);
        diff.addColumn(ModelDiff.Entry::elementId).setHeader(getTranslation("processadmin.diff.element"))
                .setAutoWidth(true);
        diff.addColumn(ModelDiff.Entry::type).setHeader(getTranslation("processadmin.diff.type")).setAutoWidth(true);
        diff.addColumn(ModelDiff.Entry::name).setHeader(getTranslation("processadmin.name")).setAutoWidth(true);
        diff.addColumn(e -> String.join("；", e.changes())).setHeader(getTranslation("processadmin.diff.changes"))
                .setFlexGrow(1);
        diff.setItems(c.diff());
        diff.setAllRowsVisible(true);
        add(new H3(getTranslation("processadmin.diff")), diff);

        // the submitted model itself, read-only and as a download: the reviewer sees every line they approve
        String xml = changes.xml(c.changeId());
        TextArea submitted = new TextArea();
        submitted.setId("change-xml");
        submitted.setValue(xml);
        submitted.setReadOnly(true);
        submitted.setWidthFull();
        submitted.setMaxHeight("24em");
        Anchor download = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] body = changes.xml(c.changeId()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(body), c.changeNo() + ".bpmn", "application/xml",
                    body.length);
        }), getTranslation("processadmin.change.xml.download"));
        download.setId("change-xml-download");
        add(new H3(getTranslation("processadmin.change.xml")), download, submitted);

        Grid<ProcessRules.Problem> problems = new Grid<>();
        problems.setId("change-problems");
        problems.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        problems.addColumn(ProcessRules.Problem::elementId).setHeader(getTranslation("processadmin.diff.element"));
        problems.addColumn(ProcessRules.Problem::rule).setHeader(getTranslation("processadmin.problem.rule"));
        problems.addColumn(ProcessRules.Problem::message).setHeader(getTranslation("processadmin.problem.message"))
                .setFlexGrow(1);
        problems.setItems(c.problems());
        problems.setAllRowsVisible(true);
        add(new H3(getTranslation(c.problems().isEmpty() ? "processadmin.problems.none" : "processadmin.problems")));
        if (!c.problems().isEmpty()) {
            add(problems);
        }

        String me = SecurityContextUsers.require().username();
        changes.reviewTask(c.changeId()).ifPresent(task -> {
            if (me.equals(c.submittedBy())) {
                add(new Paragraph(getTranslation("processadmin.review.notYours")));
                return;
            }
            RadioButtonGroup<Review.Outcome> decision = new RadioButtonGroup<>(getTranslation(
                    "processadmin.review.decision"));
            decision.setId("review-decision");
            decision.setItems(Review.Outcome.values());
            decision.setItemLabelGenerator(o -> getTranslation("processadmin.review." + o.name()));
            TextArea comment = new TextArea(getTranslation("processadmin.review.comment"));
            comment.setId("review-comment");
            comment.setMaxLength(Review.MAX_REASON);
            comment.setWidth("40em");
            Button submit = new Button(getTranslation("processadmin.review.submit"), e -> ScreenNotices.attempt(() -> {
                ProcessChangeView done = changes.review(task, Review.of(decision.getValue(), comment.getValue()));
                ScreenNotices.ok(getTranslation("processadmin.review.done", done.changeNo(),
                        getTranslation("processadmin.status." + done.status().name())));
                removeAll();
                show(changes.get(c.changeId()));
            }));
            submit.setId("review-submit");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(new H3(getTranslation("processadmin.review")), decision, comment, submit);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("processadmin.change.pageTitle");
    }
}
