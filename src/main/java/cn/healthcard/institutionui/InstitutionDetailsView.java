package cn.healthcard.institutionui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.TerminalState;
import cn.healthcard.ehc.TerminalView;
import cn.healthcard.institution.InstitutionChange;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * An institution's page (ORG-01…04): all fields of its kind, its status and history (registered, modified, cancelled
 * with time and reason), for a medical institution its terminals (EHC-05) and its SAM cards with their status (ORG-02). Admins modify and cancel here (cancel needs a reason and a confirmation); everyone who may see
 * it prints it. An institution outside the user's region is "not found" (ORG-05).
 */
@Route(value = "institutions/:code", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "SUPERVISOR", "AUDITOR"})
class InstitutionDetailsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final InstitutionService service;
    private final InstitutionDocuments documents;
    private final SamRegister sams;
    private final boolean admin;
    private String title = "";

    InstitutionDetailsView(InstitutionService service, InstitutionDocuments documents, SamRegister sams) {
        this.service = service;
        this.documents = documents;
        this.sams = sams;
        this.admin = SecurityContextUsers.require().has(Role.ADMIN);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("code").orElse(""));
    }

    private void show(String code) {
        removeAll();
        InstitutionDetails d;
        try {
            d = service.details(code);
        } catch (NotFoundException | AccessDeniedException | DomainValidationException e) {
            title = getTranslation("inst.notFound.title");
            var missing = new Paragraph(getTranslation("inst.notFound", code));
            missing.setId("inst-not-found");
            add(new H2(title), missing, back());
            return;
        }
        title = d.name();
        List<InstitutionChange> history = service.history(code);
        boolean medical = d.kind() == InstitutionKind.MEDICAL;
        List<TerminalView> terminals = medical ? documents.terminalsOf(code) : List.of();

        var heading = new H2(d.name());
        heading.setId("inst-details-name");
        var status = new Span(Labels.status(d.status(), getLocale()));
        status.setId("inst-details-status");
        status.getElement().getThemeList().add(d.active() ? "badge success" : "badge error");
        var header = new HorizontalLayout(heading, status);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header);

        var print = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] pdf = documents.detailsPdf(d, history, terminals);
            return new DownloadResponse(new ByteArrayInputStream(pdf),
                    InstitutionDocuments.fileName(getTranslation("inst.details.file") + "-" + d.code(), "pdf"),
                    "application/pdf", pdf.length);
        }), getTranslation("inst.print"));
        print.addComponentAsFirst(Labels.smallIcon(VaadinIcon.PRINT));
        print.setId("inst-details-print");
        print.setTarget("_blank");
        var actions = new HorizontalLayout(back(), print);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        if (admin && d.active()) {
            var modify = new Button(getTranslation("inst.modify"), VaadinIcon.EDIT.create(),
                    e -> InstitutionDialog.modify(service, d, getLocale(), saved -> show(code)));
            modify.setId("inst-modify");
            var cancel = new Button(getTranslation("inst.cancel"), VaadinIcon.BAN.create(), e -> cancelDialog(d));
            cancel.setId("inst-cancel");
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(modify, cancel);
        }
        add(actions);

        section("inst.section.basic", fields(
                "inst.field.code", d.code(),
                "inst.field.kind", Labels.kindWithLevel(d, getLocale()),
                "inst.field.region", Labels.regionLabel(d.region().value()),
                "inst.field.superiorCode", superior(d.superiorCode()),
                "inst.field.registeredAt", Labels.minutes(d.registeredAt()),
                "inst.field.version", Long.toString(d.version())));
        section("inst.section.contact", fields(
                "inst.field.contact", d.contact(),
                "inst.field.phone", d.phone(),
                "inst.field.head", d.head(),
                "inst.field.address", d.address()));
        if (medical) {
            section("inst.section.medical", fields(
                    "inst.field.nature", Labels.nature(d.nature(), getLocale()),
                    "inst.field.category", Labels.category(d.category(), getLocale()),
                    "inst.field.creditCode", d.creditCode(),
                    "inst.field.medicalCode", d.medicalCode()));
        }
        var statusFields = d.active()
                ? fields("inst.field.status", Labels.status(d.status(), getLocale()))
                : fields("inst.field.status", Labels.status(d.status(), getLocale()),
                "inst.field.cancelledAt", Labels.minutes(d.cancelledAt()),
                "inst.field.cancelReason", d.cancelReason());
        statusFields.setId("inst-details-state");
        section("inst.section.status", statusFields);
        add(historyGrid(history, d));
        if (medical) {
            section("inst.section.terminals", terminalGrid(terminals));
            section("inst.section.sam", samGrid(sams.ofInstitution(code)));
        }
    }

    private Component back() {
        var back = new RouterLink(getTranslation("inst.back"), InstitutionsView.class);
        back.setId("inst-back");
        return back;
    }

    private String superior(String code) {
        if (code == null) {
            return "—";
        }
        try {
            return service.details(code).name() + "（" + code + "）";
        } catch (NotFoundException | AccessDeniedException e) {
            return code; // above the user's region: the code only (ORG-05)
        }
    }

    private void section(String titleKey, Component content) {
        add(new H3(getTranslation(titleKey)), content);
    }

    /** Label/value pairs as a read-only form, two to a row. */
    private FormLayout fields(String... labelValue) {
        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        for (int i = 0; i < labelValue.length; i += 2) {
            var value = new Span(Labels.orDash(labelValue[i + 1]));
            value.setId("inst-v-" + labelValue[i].substring("inst.field.".length()));
            form.addFormItem(value, getTranslation(labelValue[i]));
        }
        return form;
    }

    private Component historyGrid(List<InstitutionChange> history, InstitutionDetails d) {
        var grid = new Grid<InstitutionChange>();
        grid.setId("inst-history");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(c -> Labels.minutes(c.at())).setHeader(getTranslation("inst.history.at")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("inst.history." + c.type().name())).setHeader(
                getTranslation("inst.history.type")).setAutoWidth(true);
        grid.addColumn(InstitutionChange::by).setHeader(getTranslation("inst.history.by")).setAutoWidth(true);
        grid.addColumn(c -> "v" + c.version()).setHeader(getTranslation("inst.field.version")).setAutoWidth(true);
        grid.addColumn(c -> c.type() == InstitutionChange.Type.CANCELLED ? Labels.orDash(d.cancelReason()) : "")
                .setHeader(getTranslation("inst.field.cancelReason")).setFlexGrow(1);
        grid.setItems(history);
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** The institution's SAM cards with their status (ORG-02): bound to it or kept there. */
    private Component samGrid(List<SamCardView> cards) {
        if (cards.isEmpty()) {
            var none = new Paragraph(getTranslation("sam.inst.none"));
            none.setId("inst-sam");
            return none;
        }
        var grid = new Grid<SamCardView>();
        grid.setId("inst-sam");
        grid.setAllRowsVisible(true);
        grid.addColumn(SamCardView::samNo).setHeader(getTranslation("sam.samNo")).setAutoWidth(true);
        grid.addColumn(c -> c.status().nameZh()).setHeader(getTranslation("sam.status")).setAutoWidth(true);
        grid.addColumn(c -> c.terminalType() == null ? "—" : c.terminalType().nameZh())
                .setHeader(getTranslation("sam.terminalType")).setAutoWidth(true);
        grid.addColumn(c -> Labels.orDash(c.terminalNo())).setHeader(getTranslation("sam.terminalNo"))
                .setAutoWidth(true);
        grid.setItems(cards);
        return grid;
    }

    private Component terminalGrid(List<TerminalView> terminals) {
        if (terminals.isEmpty()) {
            var none = new Paragraph(getTranslation("inst.terminals.none"));
            none.setId("inst-terminals");
            return none;
        }
        var grid = new Grid<TerminalView>();
        grid.setId("inst-terminals");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(TerminalView::terminalId).setHeader(getTranslation("inst.terminal.id")).setAutoWidth(true);
        grid.addColumn(t -> Labels.orDash(t.description())).setHeader(getTranslation("inst.terminal.description"))
                .setFlexGrow(1);
        grid.addColumn(t -> getTranslation(t.state() == TerminalState.ACTIVE ? "inst.terminal.active"
                : "inst.terminal.disabled")).setHeader(getTranslation("inst.terminal.state")).setAutoWidth(true);
        grid.addColumn(t -> Labels.minutes(t.registeredAt())).setHeader(getTranslation("inst.terminal.registeredAt"))
                .setAutoWidth(true);
        grid.setItems(terminals);
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** Cancel: a required reason, then a confirmation naming the institution and what cancelling stops. */
    private void cancelDialog(InstitutionDetails d) {
        var dialog = new Dialog();
        dialog.setId("inst-cancel-dialog");
        dialog.setHeaderTitle(getTranslation("inst.cancel.title", d.name()));
        dialog.setWidth("36em");
        var note = new Paragraph(getTranslation("inst.cancel.note"));
        var reason = new TextArea(getTranslation("inst.field.cancelReason"));
        reason.setId("inst-cancel-reason");
        reason.setRequiredIndicatorVisible(true);
        reason.setMaxLength(200);
        reason.setWidthFull();
        dialog.add(note, reason);
        var go = new Button(getTranslation("inst.cancel"), e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage(getTranslation("inst.cancel.reasonRequired"));
                reason.setInvalid(true);
                return;
            }
            reason.setInvalid(false);
            var confirm = new ConfirmDialog();
            confirm.setId("inst-cancel-confirm-dialog");
            confirm.setHeader(getTranslation("inst.cancel.confirm.header"));
            confirm.setText(getTranslation("inst.cancel.confirm.text", d.name(), d.code()));
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("inst.close"));
            var yes = new Button(getTranslation("inst.cancel.confirm"), c -> {
                confirm.close();
                try {
                    service.cancel(d.code(), d.version(), reason.getValue());
                    dialog.close();
                    Notification.show(getTranslation("inst.cancelled", d.name()), 4000,
                            Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    show(d.code());
                } catch (DomainValidationException ex) {
                    reason.setErrorMessage(ex.violations().get(0).message());
                    reason.setInvalid(true);
                } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                    Notification.show("INSTITUTION_VERSION".equals(ex instanceof ConflictException c2 ? c2.code() : "")
                                    ? getTranslation("inst.conflict.version", ex.getMessage()) : ex.getMessage(),
                            8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            yes.setId("inst-cancel-confirm");
            yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            confirm.setConfirmButton(yes);
            confirm.open();
        });
        go.setId("inst-cancel-go");
        go.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button(getTranslation("inst.close"), e -> dialog.close()), go);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("inst.title");
    }
}
