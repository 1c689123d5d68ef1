package cn.healthcard.filing.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.AttachmentFile;
import cn.healthcard.filing.AttachmentView;
import cn.healthcard.filing.FilingDocuments;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.FilingView;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One filing: product, manufacturer, status and validity, its attachments (each download audited), its history, the
 * certificate and the review opinion as PDF, and for the national centre the modification (version, description) and
 * the revocation with a reason (FIL-02).
 */
@Route(value = "filings/:filingId", layout = MainLayout.class)
@PermitAll
class FilingDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final FilingService filings;
    private final FilingDocuments documents;

    FilingDetailView(FilingService filings, FilingDocuments documents) {
        this.filings = filings;
        this.documents = documents;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        event.getRouteParameters().get("filingId").ifPresent(this::show);
    }

    private void show(String id) {
        FilingView f;
        try {
            f = filings.get(id);
        } catch (NotFoundException e) {
            add(new H2(getTranslation("filing.notFound")));
            return;
        }
        boolean en = FilingLabels.english(getLocale());
        add(new H2(getTranslation("filing.detail.title") + " " + (f.filingNo() == null ? f.caseNo() : f.filingNo())));
        var details = new FormLayout();
        details.addFormItem(value("filing-status", en ? f.status().nameEn() : f.status().nameZh()),
                getTranslation("filing.status"));
        details.addFormItem(value("filing-no", f.filingNo() == null ? "—" : f.filingNo()),
                getTranslation("filing.filingNo"));
        details.addFormItem(value("filing-case", f.caseNo()), getTranslation("filing.caseNo"));
        details.addFormItem(value("filing-manufacturer", f.manufacturerName()), getTranslation("filing.manufacturer"));
        details.addFormItem(value("filing-type", en ? f.productType().nameEn() : f.productType().nameZh()),
                getTranslation("filing.productType"));
        details.addFormItem(value("filing-model", f.model() + " / " + f.productVersion()),
                getTranslation("filing.model"));
        details.addFormItem(value("filing-validity", f.validUntil() == null ? "—"
                : f.validFrom() + " ~ " + f.validUntil()), getTranslation("filing.validity"));
        details.addFormItem(value("filing-steps", f.currentSteps().isEmpty() ? "—"
                : String.join("、", f.currentSteps())), getTranslation("filing.steps"));
        details.addFormItem(value("filing-opinion", f.reviewComment() == null ? "—" : f.reviewComment()),
                getTranslation("filing.opinion"));
        if (f.revokeReason() != null) {
            details.addFormItem(value("filing-revoke-reason", f.revokeReason()), getTranslation("filing.revokeReason"));
        }
        add(details);

        var prints = new HorizontalLayout();
        if (f.status() == FilingStatus.FILED) {
            prints.add(pdf("filing-certificate", getTranslation("filing.print.certificate"), f.caseNo() + "-备案证明.pdf",
                    () -> documents.certificate(f.id())));
        }
        if (f.reviewComment() != null) {
            prints.add(pdf("filing-opinion-pdf", getTranslation("filing.print.opinion"), f.caseNo() + "-审核意见书.pdf",
                    () -> documents.opinion(f.id())));
        }
        add(prints);

        add(new H3(getTranslation("filing.attachments")));
        var files = new Grid<AttachmentView>();
        files.setId("filing-attachments");
        files.setAllRowsVisible(true);
        files.addColumn(a -> en ? a.kind().nameEn() : a.kind().nameZh()).setHeader(getTranslation("filing.kind"));
        files.addComponentColumn(a -> attachment(a)).setHeader(getTranslation("filing.file")).setAutoWidth(true);
        files.addColumn(a -> a.sizeBytes() + " B").setHeader(getTranslation("filing.size"));
        files.addColumn(AttachmentView::sm3).setHeader("SM3").setAutoWidth(true);
        files.addColumn(a -> a.uploadedBy() + " " + ChinaTime.minutes(a.uploadedAt()))
                .setHeader(getTranslation("filing.uploaded")).setAutoWidth(true);
        files.setItems(f.attachments());
        add(files);

        add(new H3(getTranslation("filing.history")));
        var history = new UnorderedList();
        history.setId("filing-history");
        event(history, f.createdAt(), getTranslation("filing.history.submitted", f.channel(), f.createdBy()));
        if (f.validFrom() != null) {
            history.add(new ListItem(f.validFrom() + " " + getTranslation("filing.history.filed", f.filingNo())));
        }
        event(history, f.remindedAt(), getTranslation("filing.history.reminded"));
        if (f.status() == FilingStatus.EXPIRED || f.status() == FilingStatus.REVOKED
                || f.status() == FilingStatus.REJECTED || f.status() == FilingStatus.WITHDRAWN) {
            event(history, f.updatedAt(), en ? f.status().nameEn() : f.status().nameZh());
        }
        add(history);

        CurrentUser me = SecurityContextUsers.require();
        if (f.status() == FilingStatus.FILED && RegionCode.NATIONAL.equals(me.region())
                && (me.has(Role.ADMIN) || me.has(Role.SUPERVISOR))) {
            var version = new com.vaadin.flow.component.textfield.TextField(getTranslation("filing.version"));
            version.setId("filing-modify-version");
            version.setValue(f.productVersion());
            version.setMaxLength(32);
            var description = new TextArea(getTranslation("filing.description"));
            description.setId("filing-modify-description");
            description.setValue(f.description() == null ? "" : f.description());
            description.setMaxLength(500);
            description.setWidth("32em");
            var modify = new Button(getTranslation("filing.modify"), e -> {
                try {
                    filings.modify(f.id(), f.version(), version.getValue(), description.getValue());
                    Notification.show(getTranslation("filing.modified"), 4000, Notification.Position.TOP_CENTER)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    removeAll();
                    show(f.id());
                } catch (DomainValidationException ex) {
                    Notification.show(ex.violations().get(0).message(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                } catch (ConflictException | AccessDeniedException ex) {
                    Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            modify.setId("filing-modify");
            add(new H3(getTranslation("filing.modify")), new HorizontalLayout(version, description), modify);

            var reason = new TextArea(getTranslation("filing.revokeReason"));
            reason.setId("filing-revoke-reason-input");
            reason.setMaxLength(500);
            reason.setWidth("32em");
            var revoke = new Button(getTranslation("filing.revoke"), e -> {
                try {
                    filings.revoke(f.id(), reason.getValue());
                    Notification.show(getTranslation("filing.revoked"), 5000, Notification.Position.TOP_CENTER)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    removeAll();
                    show(f.id());
                } catch (DomainValidationException ex) {
                    reason.setInvalid(true);
                    reason.setErrorMessage(ex.violations().get(0).message());
                } catch (ConflictException | AccessDeniedException ex) {
                    Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            revoke.setId("filing-revoke");
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(new H3(getTranslation("filing.revoke")), reason, revoke);
        }
    }

    private Anchor attachment(AttachmentView a) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            AttachmentFile file = filings.download(a.id());
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(),
                    file.contentType(), file.content().length);
        }), a.fileName());
        link.setTarget("_blank");
        return link;
    }

    private Anchor pdf(String id, String text, String fileName, Supplier<byte[]> pdf) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = pdf.get();
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, "application/pdf", bytes.length);
        }), text);
        link.setId(id);
        link.setTarget("_blank");
        return link;
    }

    private static void event(UnorderedList list, Instant at, String text) {
        if (at != null) {
            list.add(new ListItem(ChinaTime.minutes(at) + " " + text));
        }
    }

    private static Span value(String id, String text) {
        var span = new Span(text);
        span.setId(id);
        return span;
    }
}
