package cn.healthcard.workflow.ui;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.workflow.AttachmentContent;
import cn.healthcard.workflow.CaseTimeline;
import cn.healthcard.workflow.TaskAttachments;
import cn.healthcard.workflow.TaskComments;
import cn.healthcard.workflow.TimelineEntry;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;

import java.io.ByteArrayInputStream;

/**
 * A case's page (BPM-02, docs/decisions/034): its timeline — tasks, decisions, comments, co-approval verdicts,
 * send-backs, delegations and attachments in time order — and a comment on the case. Reached from the task's toolbar
 * and from the inbox; a case the user may not read is "not found". Each download is audited.
 */
@Route(value = "cases/:caseNo", layout = MainLayout.class)
@PermitAll
class CaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseTimeline timelines;
    private final TaskComments comments;
    private final TaskAttachments attachments;
    private String caseNo = "";

    CaseView(CaseTimeline timelines, TaskComments comments, TaskAttachments attachments) {
        this.timelines = timelines;
        this.comments = comments;
        this.attachments = attachments;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        caseNo = event.getRouteParameters().get("caseNo").orElse("");
        show();
    }

    private void show() {
        removeAll();
        CaseTimeline.Timeline timeline;
        try {
            timeline = timelines.of(caseNo);
        } catch (NotFoundException e) {
            add(new H2(getTranslation("case.notFound")));
            return;
        }
        add(new H2(getTranslation("case.title", caseNo)));
        var process = new Span(getTranslation("process." + timeline.processKey()) + " · " + timeline.regionCode());
        add(process);
        if (timeline.truncated()) {
            var truncated = new Span(getTranslation("case.truncated", CaseTimeline.MAX_ENTRIES));
            truncated.setId("case-timeline-truncated");
            add(truncated);
        }

        var grid = new Grid<TimelineEntry>();
        grid.setId("case-timeline");
        grid.addColumn(e -> ScreenNotices.time(e.at())).setHeader(getTranslation("case.col.at")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("case.kind." + e.kind())).setHeader(getTranslation("case.col.kind"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::title).setHeader(getTranslation("case.col.title")).setAutoWidth(true);
        grid.addColumn(e -> ScreenNotices.orDash(e.actor())).setHeader(getTranslation("case.col.actor"))
                .setAutoWidth(true);
        grid.addColumn(e -> ScreenNotices.orDash(e.text())).setHeader(getTranslation("case.col.text"))
                .setFlexGrow(1);
        grid.setItems(timeline.entries());
        add(grid);
        expand(grid);

        var text = new TextArea(getTranslation("case.comment"));
        text.setMaxLength(TaskComments.MAX_TEXT);
        text.setWidth("40em");
        text.setId("case-comment-text");
        var save = new Button(getTranslation("case.comment.save"), e -> {
            if (ScreenNotices.attempt(() -> comments.commentOnCase(caseNo, text.getValue(), null))) {
                ScreenNotices.ok(getTranslation("taskops.comment.saved"));
                show();
            }
        });
        save.setId("case-comment-save");
        var row = new HorizontalLayout(text, save);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(row);
    }

    private Component title(TimelineEntry e) {
        if ("DECISION".equals(e.kind()) && e.title() != null) {
            return new Span(getTranslation("case.decision." + e.title()));
        }
        if (e.attachmentId() == null) {
            return new Span(ScreenNotices.orDash(e.title()));
        }
        String id = e.attachmentId();
        var link = new Anchor(DownloadHandler.fromInputStream(ev -> {
            AttachmentContent file = attachments.read(caseNo, id);
            ev.getResponse().setHeader("X-Content-Type-Options", "nosniff"); // the content type as detected, never sniffed
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.attachment().fileName(),
                    file.attachment().contentType(), file.content().length);
        }), e.title());
        link.setId("attachment-" + id);
        link.setTarget("_blank");
        return link;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("case.title", caseNo) + " · " + getTranslation("app.title");
    }
}
