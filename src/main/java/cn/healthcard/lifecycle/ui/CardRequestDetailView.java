package cn.healthcard.lifecycle.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.CardRequestView;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;

import java.io.ByteArrayInputStream;

/** One card request: type, status, current step, card, temporary and new card, and its printed application form. */
@Route(value = "card-requests/:requestId", layout = MainLayout.class)
@PermitAll
class CardRequestDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final CardRequestService requests;

    CardRequestDetailView(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String id = event.getRouteParameters().get("requestId").orElse("");
        CardRequestView r;
        try {
            r = requests.get(id);
        } catch (NotFoundException e) {
            add(new H3(getTranslation("request.notFound")));
            return;
        }
        boolean en = "en".equals(getLocale().getLanguage());
        add(new H2(getTranslation("request.title", en ? r.type().nameEn() : r.type().nameZh())));
        var details = new FormLayout();
        details.addFormItem(value("request-id", r.requestId()), getTranslation("request.id"));
        details.addFormItem(value("request-status", en ? r.status().nameEn() : r.status().nameZh()),
                getTranslation("request.status"));
        details.addFormItem(value("request-step", String.join("、", r.currentSteps())
                + (r.incident() ? " ⚠ " + getTranslation("application.incident") : "")), getTranslation("request.step"));
        var card = new Anchor("cards/" + r.cardNo(), r.cardNo());
        card.setId("request-card");
        details.addFormItem(card, getTranslation("request.card"));
        details.addFormItem(value("request-card-status", r.cardStatus() == null ? "—"
                : en ? r.cardStatus().nameEn() : r.cardStatus().nameZh()), getTranslation("request.cardStatus"));
        details.addFormItem(value("request-applicant", r.applicantName() + " · " + r.documentNumberMasked()),
                getTranslation("application.applicant"));
        if (r.temporaryCardNo() != null) {
            details.addFormItem(value("request-temporary", r.temporaryCardNo()), getTranslation("request.temporaryCard"));
        }
        if (r.newCardNo() != null) {
            details.addFormItem(value("request-new-card", r.newCardNo()), getTranslation("request.newCard"));
        }
        details.addFormItem(value("request-created", ChinaTime.seconds(r.createdAt()) + " · " + r.createdBy()),
                getTranslation("application.created"));
        if (r.reviewComment() != null) {
            details.addFormItem(value("request-comment", r.reviewComment()), getTranslation("application.comment"));
        }
        add(details);
        var user = SecurityContextUsers.require();
        if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR)) {
            var print = new Anchor(DownloadHandler.fromInputStream(e -> {
                byte[] pdf = requests.printForm(id);
                return new DownloadResponse(new ByteArrayInputStream(pdf), "card-request-" + id + ".pdf",
                        "application/pdf", pdf.length);
            }), getTranslation("request.print"));
            print.setId("download-request-form");
            print.setTarget("_blank");
            add(print);
        }
    }

    private static Span value(String id, String text) {
        var span = new Span(text);
        span.setId(id);
        return span;
    }
}
