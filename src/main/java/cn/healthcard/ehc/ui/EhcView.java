package cn.healthcard.ehc.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTable;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.EhcAccountService;
import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.ehc.EhcStatus;
import cn.healthcard.ehc.QrCode;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * 电子健康卡 (EHC-02 … EHC-04) for clerks and supervisors: a resident's e-card found by card number or by document,
 * its status (masked holder, master index, the card it follows), the static QR code on screen and as a printable
 * PDF; a clerk opens the e-card of a card holder who has none. The services check role and region again.
 */
@Route(value = "ehc", layout = MainLayout.class)
@RolesAllowed({"CLERK", "SUPERVISOR"})
class EhcView extends VerticalLayout implements HasDynamicTitle {

    private static final String BY_CARD = "card";
    private static final String BY_DOCUMENT = "document";

    private final EhcAccountService accounts;
    private final boolean english = "en".equals(getLocale().getLanguage());

    private final Select<String> mode = new Select<>();
    private final TextField cardNo = new TextField();
    private final Select<String> documentType = new Select<>();
    private final TextField documentNumber = new TextField();
    private final Div result = new Div();

    EhcView(EhcAccountService accounts) {
        this.accounts = accounts;
        setWidthFull();
        add(new H2(getTranslation("ehc.title")));

        mode.setLabel(getTranslation("ehc.lookup.by"));
        mode.setItems(BY_CARD, BY_DOCUMENT);
        mode.setItemLabelGenerator(m -> getTranslation("ehc.lookup.by." + m));
        mode.setValue(BY_CARD);
        mode.setId("ehc-mode");
        mode.addValueChangeListener(e -> showFields());

        cardNo.setLabel(getTranslation("ehc.cardNo"));
        cardNo.setId("ehc-card-no");
        cardNo.setWidth("16em");
        CodeTable types = CodeTables.documentTypes();
        documentType.setLabel(getTranslation("ehc.documentType"));
        documentType.setItems(types.codes().stream().map(CodeTable.Code::code).toList());
        documentType.setItemLabelGenerator(c -> types.name(c).orElse(c));
        documentType.setValue("01");
        documentType.setId("ehc-document-type");
        documentNumber.setLabel(getTranslation("ehc.documentNumber"));
        documentNumber.setId("ehc-document-number");
        documentNumber.setWidth("16em");

        var search = new Button(getTranslation("ehc.lookup.go"), e -> lookup());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("ehc-lookup");
        search.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        var bar = new HorizontalLayout(mode, cardNo, documentType, documentNumber, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        add(bar);
        result.setId("ehc-result");
        result.setWidthFull();
        add(result);
        showFields();
    }

    private void showFields() {
        boolean byCard = BY_CARD.equals(mode.getValue());
        cardNo.setVisible(byCard);
        documentType.setVisible(!byCard);
        documentNumber.setVisible(!byCard);
        result.removeAll();
    }

    private void lookup() {
        result.removeAll();
        cardNo.setInvalid(false);
        documentNumber.setInvalid(false);
        boolean byCard = BY_CARD.equals(mode.getValue());
        if (byCard && cardNo.getValue().isBlank()) {
            error(cardNo, getTranslation("ehc.cardNo.required"));
            return;
        }
        Optional<EhcAccountView> found;
        try {
            found = byCard ? accounts.findByCard(cardNo.getValue())
                    : accounts.findByDocument(new DocumentRef(documentType.getValue(), documentNumber.getValue()));
        } catch (DomainValidationException e) {
            error(documentNumber, e.violations().stream().map(FieldViolation::message)
                    .collect(Collectors.joining("；")));
            return;
        }
        if (found.isPresent()) {
            show(found.get());
        } else {
            notFound(byCard);
        }
    }

    private void notFound(boolean byCard) {
        var none = new Paragraph(getTranslation(byCard ? "ehc.none.card" : "ehc.none.document"));
        none.setId("ehc-none");
        result.add(none);
        if (byCard && SecurityContextUsers.require().has(Role.CLERK)) {
            var open = new Button(getTranslation("ehc.open"), e -> open());
            open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            open.setId("ehc-open");
            result.add(open);
        }
    }

    private void open() {
        try {
            show(accounts.openForCard(cardNo.getValue()).account());
        } catch (DomainValidationException e) {
            error(cardNo, e.violations().stream().map(FieldViolation::message).collect(Collectors.joining("；")));
        } catch (ConflictException | NotFoundException e) {
            result.removeAll();
            var message = new Paragraph(e.getMessage());
            message.setId("ehc-error");
            message.getStyle().set("color", "var(--lumo-error-text-color)");
            result.add(message);
        }
    }

    private void show(EhcAccountView account) {
        result.removeAll();
        var details = new FormLayout();
        details.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        details.addFormItem(status(account.status()), getTranslation("ehc.status"));
        details.addFormItem(value("ehc-origin", english ? account.origin().nameEn() : account.origin().nameZh()),
                getTranslation("ehc.origin"));
        details.addFormItem(value("ehc-name", account.nameMasked()), getTranslation("ehc.name"));
        details.addFormItem(value("ehc-document", CodeTables.documentTypes().name(account.documentType())
                .orElse(account.documentType()) + " " + account.documentNumberMasked()), getTranslation("ehc.document"));
        details.addFormItem(value("ehc-sex", CodeTables.sexes().name(account.sex()).orElse(account.sex())),
                getTranslation("ehc.sex"));
        details.addFormItem(value("ehc-birth-year", String.valueOf(account.birthYear())),
                getTranslation("ehc.birthYear"));
        details.addFormItem(value("ehc-card", account.cardNo() == null ? "—" : account.cardNo()),
                getTranslation("ehc.card"));
        details.addFormItem(value("ehc-created", ChinaTime.minutes(account.createdAt()) + " · "
                + account.createdBy()), getTranslation("ehc.created"));
        var ids = new FormLayout();
        ids.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        ids.addFormItem(mono("ehc-id", account.ehcId()), getTranslation("ehc.ehcId"));
        ids.addFormItem(mono("ehc-master-index", account.masterIndexId()), getTranslation("ehc.masterIndex"));

        var text = new VerticalLayout(details, ids);
        text.setPadding(false);
        var panel = new HorizontalLayout(text, qr(account));
        panel.setWidthFull();
        panel.setAlignItems(FlexComponent.Alignment.START);
        panel.expand(text);
        result.add(panel);
    }

    /** The static code of an active e-card, its PDF; a notice instead for a frozen or revoked e-card. */
    private Component qr(EhcAccountView account) {
        var box = new VerticalLayout();
        box.setPadding(false);
        box.setWidth("auto");
        box.setAlignItems(FlexComponent.Alignment.CENTER);
        if (account.status() != EhcStatus.ACTIVE) {
            var notice = new Paragraph(getTranslation("ehc.qr.unavailable." + account.status().name()));
            notice.setId("ehc-qr-unavailable");
            notice.getStyle().set("color", "var(--lumo-error-text-color)").set("max-width", "16em");
            box.add(notice);
            return box;
        }
        QrCode code = accounts.staticQr(account.ehcId());
        byte[] png = accounts.png(code);
        var image = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(new ByteArrayInputStream(png),
                "ehc-qr.png", "image/png", png.length)).inline(), getTranslation("ehc.qr.alt"));
        image.setId("ehc-qr");
        image.setWidth("220px");
        image.setHeight("220px");
        var caption = new Span(getTranslation("ehc.qr.static"));
        caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        var pdf = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = accounts.printStaticQr(account.ehcId());
            return new DownloadResponse(new ByteArrayInputStream(bytes), "ehc-qr-" + account.masterIndexId()
                    .substring(0, 8) + ".pdf", "application/pdf", bytes.length);
        }), getTranslation("ehc.qr.pdf"));
        pdf.setId("ehc-qr-pdf");
        pdf.setTarget("_blank");
        box.add(image, caption, pdf);
        return box;
    }

    private Span status(EhcStatus status) {
        var badge = new Span(english ? status.nameEn() : status.nameZh());
        badge.setId("ehc-status");
        badge.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("font-weight", "500")
                .set("font-size", "var(--lumo-font-size-s)").set("background", switch (status) {
                    case ACTIVE -> "var(--lumo-success-color-10pct)";
                    case FROZEN -> "var(--lumo-error-color-10pct)";
                    case REVOKED -> "var(--lumo-contrast-10pct)";
                });
        return badge;
    }

    private static Span value(String id, String text) {
        var span = new Span(text);
        span.setId(id);
        return span;
    }

    private static Span mono(String id, String text) {
        var span = value(id, text);
        span.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)").set("word-break", "break-all");
        return span;
    }

    private void error(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ehc.title") + " · " + getTranslation("app.title");
    }
}
