package cn.healthcard.issuance.ui;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.ApplicationView;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.common.ChinaTime;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;

import java.io.ByteArrayInputStream;

/** One application: status, current step, masked resident, card, the pick-up receipt, and its audit trail. */
@Route(value = "applications/:applicationId?", layout = MainLayout.class)
@PermitAll
class ApplicationDetailView extends VerticalLayout implements BeforeEnterObserver {


    private final CardApplicationService applications;
    private final AuditLog auditLog;

    ApplicationDetailView(CardApplicationService applications, AuditLog auditLog) {
        this.applications = applications;
        this.auditLog = auditLog;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H2(getTranslation("nav.applications")));
        var lookup = new TextField(getTranslation("application.lookup"));
        lookup.setId("application-lookup");
        lookup.setWidth("24em");
        var go = new Button(getTranslation("application.lookup.go"),
                e -> getUI().ifPresent(ui -> ui.navigate("applications/" + lookup.getValue().trim())));
        var bar = new HorizontalLayout(lookup, go);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar);
        event.getRouteParameters().get("applicationId").ifPresent(this::show);
    }

    private void show(String id) {
        ApplicationView app;
        try {
            app = applications.get(id);
        } catch (NotFoundException e) {
            add(new H3(getTranslation("application.notFound")));
            return;
        }
        boolean english = "en".equals(getLocale().getLanguage());
        add(new H3(getTranslation("application.title")));
        var details = new FormLayout();
        details.addFormItem(value("app-id", app.applicationId()), getTranslation("application.id"));
        details.addFormItem(value("app-status", english ? app.status().nameEn() : app.status().nameZh()),
                getTranslation("application.status"));
        details.addFormItem(value("app-step", String.join("、", app.currentSteps())
                + (app.incident() ? " ⚠ " + getTranslation("application.incident") : "")),
                getTranslation("application.step"));
        details.addFormItem(value("app-applicant", app.resident().nameMasked()), getTranslation("application.applicant"));
        details.addFormItem(value("app-document", app.resident().documentNumberMasked()),
                getTranslation("application.document"));
        details.addFormItem(value("app-card", app.cardNo() == null ? "—" : app.cardNo()),
                getTranslation("application.card"));
        details.addFormItem(value("app-created", ChinaTime.seconds(app.createdAt()) + " · " + app.createdBy()),
                getTranslation("application.created"));
        if (app.reviewComment() != null) {
            details.addFormItem(value("app-comment", app.reviewComment()), getTranslation("application.comment"));
        }
        add(details);
        var user = SecurityContextUsers.require();
        if (app.status() == ApplicationStatus.ISSUED && (user.has(Role.CLERK) || user.has(Role.SUPERVISOR))) {
            var receipt = new Anchor(DownloadHandler.fromInputStream(e -> {
                byte[] pdf = applications.pickupReceipt(id);
                return new DownloadResponse(new ByteArrayInputStream(pdf), "pickup-receipt-" + id + ".pdf",
                        "application/pdf", pdf.length);
            }), getTranslation("application.receipt"));
            receipt.setId("download-receipt");
            receipt.setTarget("_blank");
            add(receipt);
        }
        if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            add(new H4(getTranslation("application.trail")));
            var trail = new Grid<AuditLog.Entry>();
            trail.setId("app-trail");
            trail.addColumn(e -> ChinaTime.seconds(e.occurredAt())).setHeader(getTranslation("trail.at")).setAutoWidth(true);
            trail.addColumn(AuditLog.Entry::eventType).setHeader(getTranslation("trail.event")).setAutoWidth(true);
            trail.addColumn(AuditLog.Entry::actor).setHeader(getTranslation("trail.actor")).setAutoWidth(true);
            trail.addColumn(AuditLog.Entry::channel).setHeader(getTranslation("trail.channel")).setAutoWidth(true);
            trail.addColumn(AuditLog.Entry::detail).setHeader(getTranslation("trail.detail")).setFlexGrow(1);
            trail.setItems(auditLog.about("CardApplication", id));
            trail.setAllRowsVisible(true);
            add(trail);
        }
    }

    private static Span value(String id, String text) {
        var span = new Span(text);
        span.setId(id);
        return span;
    }
}
