package cn.healthcard.audit.ui;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A card's whole case timeline from the audit log (APP-13): application, review, production, pick-up and every
 * lifecycle request with its tasks, reviewers and status changes, oldest first; each case links to its page with the
 * filled form.
 */
@Route(value = "audit/cards/:cardNo", layout = MainLayout.class)
@RolesAllowed({"AUDITOR", "SUPERVISOR"})
class CardTimelineView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AuditLog auditLog;
    private String cardNo = "";

    CardTimelineView(AuditLog auditLog) {
        this.auditLog = auditLog;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        cardNo = event.getRouteParameters().get("cardNo").orElse("");
        removeAll();
        add(new H2(getTranslation("timeline.title", cardNo)));
        List<AuditLog.Entry> entries = auditLog.timeline(cardNo);
        if (entries.isEmpty()) {
            add(new Paragraph(getTranslation("timeline.empty")));
            return;
        }
        Set<String> cases = new LinkedHashSet<>();
        entries.stream().map(AuditLog.Entry::caseRef).filter(Objects::nonNull).forEach(cases::add);
        var links = new HorizontalLayout(new Span(getTranslation("timeline.cases")));
        links.setId("timeline-cases");
        cases.forEach(c -> links.add(caseLink(c)));
        add(links);

        var grid = new Grid<AuditLog.Entry>();
        grid.setId("timeline-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> ChinaTime.seconds(e.occurredAt())).setHeader(getTranslation("audit.col.at"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> stage(e)).setHeader(getTranslation("timeline.col.stage")).setAutoWidth(true);
        grid.addColumn(e -> eventName(e.eventType())).setHeader(getTranslation("audit.col.event")).setAutoWidth(true);
        grid.addColumn(AuditLog.Entry::actor).setHeader(getTranslation("audit.col.actor")).setAutoWidth(true);
        grid.addColumn(e -> e.institutionCode() == null ? "—" : e.institutionCode())
                .setHeader(getTranslation("audit.col.institution")).setAutoWidth(true);
        grid.addComponentColumn(e -> e.caseRef() == null ? new Span("—") : caseLink(e.caseRef()))
                .setHeader(getTranslation("audit.col.case")).setAutoWidth(true);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader(getTranslation("audit.col.detail"))
                .setFlexGrow(1).setWidth("16em");
        grid.setItems(entries);
        add(grid);
        expand(grid);
    }

    /** 申领 / 制卡 / 领卡 / 挂失… : the stage of the story an entry belongs to. */
    private String stage(AuditLog.Entry e) {
        String type = e.eventType();
        if (type.startsWith("CardProduction") || type.equals("CardReadyForPickup")) {
            return getTranslation("timeline.stage.production");
        }
        if (type.equals("CardPickedUp")) {
            return getTranslation("timeline.stage.pickup");
        }
        if (e.caseRef() != null && e.caseRef().startsWith("SQ")) {
            return getTranslation("timeline.stage.application");
        }
        if (e.caseRef() != null && e.caseRef().startsWith("RQ")) {
            return getTranslation("timeline.stage.request");
        }
        return getTranslation("timeline.stage.card");
    }

    private Anchor caseLink(String caseRef) {
        String target = caseRef.startsWith("SQ") ? "applications/" + caseRef : "card-requests/" + caseRef;
        var link = new Anchor(target, caseRef);
        link.setId("timeline-case-" + caseRef);
        return link;
    }

    private String eventName(String type) {
        return AuditEventTypes.label(this, type);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("timeline.title", cardNo);
    }
}
