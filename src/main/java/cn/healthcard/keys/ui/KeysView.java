package cn.healthcard.keys.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.KeyDistribution;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.keys.KeyDistributionService;
import cn.healthcard.keys.KeyInventoryService;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.keys.KeyView;
import cn.healthcard.keys.ReceiverView;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * 「密钥管理」: the keys of the hierarchy (label, level, region, version, state, check value — never material), the key
 * ceremonies and the registered receivers; key administrators start ceremonies, distribute and archive keys, auditors
 * look.
 */
@Route(value = "keys", layout = MainLayout.class)
@RolesAllowed({"KEY_ADMIN", "AUDITOR"})
class KeysView extends VerticalLayout implements HasDynamicTitle {

    private final KeyInventoryService keys;
    private final KeyCeremonyService ceremonies;
    private final KeyDistributionService distribution;
    private final boolean keyAdmin;
    private final Select<KeyPurpose> purpose = new Select<>();
    private final Grid<KeyView> keyGrid = new Grid<>();
    private final Grid<CeremonyView> ceremonyGrid = new Grid<>();
    private final Grid<ReceiverView> receiverGrid = new Grid<>();

    KeysView(KeyInventoryService keys, KeyCeremonyService ceremonies, KeyDistributionService distribution) {
        this.keys = keys;
        this.ceremonies = ceremonies;
        this.distribution = distribution;
        CurrentUser user = SecurityContextUsers.require();
        this.keyAdmin = user.has(Role.KEY_ADMIN);
        setSizeFull();
        var title = new H2(getTranslation("keys.title"));
        var header = new HorizontalLayout(title);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (keyAdmin) {
            var start = new Button(getTranslation("keys.ceremony.new"), VaadinIcon.KEY.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate("keys/ceremonies/new")));
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            start.setId("start-ceremony");
            header.add(start);
            if (user.region().level() == RegionCode.Level.NATIONAL) {
                var personalData = new Button(getTranslation("keys.pd.update"), VaadinIcon.REFRESH.create(),
                        e -> openPersonalDataKeyDialog());
                personalData.setId("start-personal-data-key-update");
                header.add(personalData);
            }
        }
        add(header);
        var note = new Paragraph(getTranslation("keys.note"));
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        add(note);

        var tabs = new TabSheet();
        tabs.setId("keys-tabs");
        tabs.setSizeFull();
        tabs.add(getTranslation("keys.tab.keys"), keyGrid());
        tabs.add(getTranslation("keys.tab.ceremonies"), ceremonyGrid());
        tabs.add(getTranslation("keys.tab.receivers"), receiverGrid());
        add(tabs);
        expand(tabs);
        refresh();
    }

    private Component keyGrid() {
        keyGrid.setId("keys-grid");
        keyGrid.addColumn(KeyView::label).setHeader(getTranslation("keys.col.label")).setAutoWidth(true)
                .setFrozen(true);
        keyGrid.addColumn(KeyView::version).setHeader(getTranslation("keys.col.version")).setAutoWidth(true);
        keyGrid.addColumn(k -> getTranslation("keys.level." + k.level().number()))
                .setHeader(getTranslation("keys.col.level")).setAutoWidth(true);
        keyGrid.addColumn(k -> k.regionName() + "（" + k.regionCode() + "）")
                .setHeader(getTranslation("keys.col.region")).setAutoWidth(true);
        keyGrid.addColumn(k -> getTranslation("keys.state." + k.state().name()))
                .setHeader(getTranslation("keys.col.state")).setAutoWidth(true);
        keyGrid.addColumn(KeyView::checkValue).setHeader(getTranslation("keys.col.checkValue")).setAutoWidth(true);
        keyGrid.addColumn(k -> getTranslation("keys.origin." + k.origin().name()))
                .setHeader(getTranslation("keys.col.origin")).setAutoWidth(true);
        keyGrid.addColumn(k -> k.parent() == null ? "—" : k.parent())
                .setHeader(getTranslation("keys.col.parent")).setAutoWidth(true);
        keyGrid.addColumn(k -> k.createdBy() == null ? "—" : k.createdBy() + " / " + k.approvedBy())
                .setHeader(getTranslation("keys.col.people")).setAutoWidth(true);
        keyGrid.addColumn(k -> k.custodians().isEmpty() ? "—" : String.join("、", k.custodians()))
                .setHeader(getTranslation("keys.col.custodians")).setAutoWidth(true);
        keyGrid.addColumn(k -> ChinaTime.minutes(k.created())).setHeader(getTranslation("keys.col.created"))
                .setAutoWidth(true);
        if (keyAdmin) {
            keyGrid.addComponentColumn(this::actions).setHeader(getTranslation("keys.col.actions")).setAutoWidth(true);
        }
        keyGrid.setSizeFull();
        purpose.setId("keys-filter-purpose");
        purpose.setLabel(getTranslation("keys.col.purpose"));
        purpose.setItems(KeyPurpose.values());
        purpose.setItemLabelGenerator(p -> english() ? p.nameEn() : p.nameZh());
        purpose.setValue(KeyPurpose.APP_DATA_READ);
        purpose.addValueChangeListener(e -> refresh());
        var layout = new VerticalLayout(purpose, keyGrid);
        layout.setPadding(false);
        layout.setSizeFull();
        layout.expand(keyGrid);
        return layout;
    }

    private HorizontalLayout actions(KeyView key) {
        var actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (key.state() == KeyState.ACTIVE && key.level() != KeyLevel.NATIONAL) {
            var distribute = new Button(getTranslation("keys.distribute"), e -> openDistributeDialog(key));
            distribute.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            distribute.setId("distribute-" + key.label() + "-v" + key.version());
            actions.add(distribute);
        }
        if (key.state() == KeyState.ACTIVE) {
            var archive = new Button(getTranslation("keys.archive"), e -> openArchiveDialog(key));
            archive.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY,
                    ButtonVariant.LUMO_ERROR);
            archive.setId("archive-" + key.label() + "-v" + key.version());
            actions.add(archive);
        }
        return actions;
    }

    private Grid<CeremonyView> ceremonyGrid() {
        boolean en = english();
        ceremonyGrid.setId("ceremonies-grid");
        ceremonyGrid.addColumn(CeremonyView::id).setHeader(getTranslation("keys.ceremony.id")).setAutoWidth(true);
        ceremonyGrid.addColumn(c -> en ? c.operation().nameEn() : c.operation().nameZh())
                .setHeader(getTranslation("keys.ceremony.operation")).setAutoWidth(true);
        ceremonyGrid.addColumn(CeremonyView::keyRef).setHeader(getTranslation("keys.col.label")).setAutoWidth(true);
        ceremonyGrid.addColumn(c -> c.keyCheckValue() == null ? "—" : c.keyCheckValue())
                .setHeader(getTranslation("keys.col.checkValue")).setAutoWidth(true);
        ceremonyGrid.addColumn(c -> en ? c.status().nameEn() : c.status().nameZh())
                .setHeader(getTranslation("keys.ceremony.status")).setAutoWidth(true);
        ceremonyGrid.addColumn(CeremonyView::initiatedByName).setHeader(getTranslation("keys.ceremony.initiatedBy"))
                .setAutoWidth(true);
        ceremonyGrid.addColumn(c -> c.cosignedByName() == null ? "—" : c.cosignedByName())
                .setHeader(getTranslation("keys.ceremony.cosignedBy")).setAutoWidth(true);
        ceremonyGrid.addColumn(c -> ChinaTime.minutes(c.initiatedAt()))
                .setHeader(getTranslation("keys.ceremony.initiatedAt")).setAutoWidth(true);
        ceremonyGrid.addColumn(c -> c.outcome() == null ? "" : c.outcome())
                .setHeader(getTranslation("keys.ceremony.outcome")).setWidth("24em").setFlexGrow(1);
        ceremonyGrid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("keys/ceremonies/"
                + e.getItem().id())));
        ceremonyGrid.setSizeFull();
        return ceremonyGrid;
    }

    private Grid<ReceiverView> receiverGrid() {
        receiverGrid.setId("receivers-grid");
        receiverGrid.addColumn(r -> r.institutionName() + "（" + r.institutionCode() + "）")
                .setHeader(getTranslation("keys.receiver.institution")).setAutoWidth(true);
        receiverGrid.addColumn(r -> getTranslation("keys.receiver.kind." + r.kind()))
                .setHeader(getTranslation("keys.receiver.kind")).setAutoWidth(true);
        receiverGrid.addColumn(ReceiverView::regionCode).setHeader(getTranslation("keys.col.region"))
                .setAutoWidth(true);
        receiverGrid.addColumn(r -> r.transportLabel() + " v" + r.transportVersion())
                .setHeader(getTranslation("keys.receiver.transportKey")).setAutoWidth(true);
        receiverGrid.addColumn(ReceiverView::transportCheckValue).setHeader(getTranslation("keys.col.checkValue"))
                .setAutoWidth(true);
        receiverGrid.addColumn(r -> r.registeredBy() + " · " + ChinaTime.minutes(r.registeredAt()))
                .setHeader(getTranslation("keys.receiver.registered")).setAutoWidth(true);
        receiverGrid.setSizeFull();
        return receiverGrid;
    }

    private void refresh() {
        keyGrid.setItems(keys.keys().stream().filter(k -> k.purpose() == purpose.getValue()).toList());
        ceremonyGrid.setItems(ceremonies.ceremonies());
        receiverGrid.setItems(distribution.receivers());
    }

    /** Distribution: choose a receiver within the key's region; the file is the key wrapped under its transport KEK. */
    private void openDistributeDialog(KeyView key) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("keys.distribute.title", key.label() + " v" + key.version()));
        var receiver = new Select<ReceiverView>();
        receiver.setId("distribute-receiver");
        receiver.setLabel(getTranslation("keys.distribute.receiver"));
        RegionCode region = RegionCode.of(key.regionCode());
        List<ReceiverView> candidates = distribution.receivers().stream()
                .filter(r -> region.covers(RegionCode.of(r.regionCode()))).toList();
        receiver.setItems(candidates);
        receiver.setItemLabelGenerator(r -> r.institutionName() + "（" + r.institutionCode() + "）");
        receiver.setWidthFull();
        var body = new VerticalLayout(new Paragraph(getTranslation("keys.distribute.note")), receiver);
        body.setPadding(false);
        dialog.add(body);
        var go = new Button(getTranslation("keys.distribute.go"));
        go.setId("distribute-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.addClickListener(e -> {
            if (receiver.getValue() == null) {
                receiver.setInvalid(true);
                receiver.setErrorMessage(getTranslation("keys.distribute.receiver.required"));
                return;
            }
            try {
                KeyDistribution file = distribution.distribute(key.label(), key.version(),
                        receiver.getValue().institutionCode());
                byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
                var download = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(content), file.fileName(), "application/json", content.length)),
                        getTranslation("keys.distribute.download", file.fileName()));
                download.setId("distribute-download");
                body.add(new Span(getTranslation("keys.distribute.done")), download);
                go.setEnabled(false);
                receiver.setReadOnly(true);
            } catch (DomainValidationException ex) {
                receiver.setInvalid(true);
                receiver.setErrorMessage(ex.violations().stream().map(FieldViolation::message).findFirst().orElse(""));
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error(ex.getMessage());
            }
        });
        dialog.getFooter().add(new Button(getTranslation("keys.close"), e -> dialog.close()), go);
        dialog.open();
    }

    /**
     * The personal-data key update (decision 017): starts a key ceremony; a second key administrator co-signs it from
     * the inbox before the version is made and the re-encryption runs.
     */
    private void openPersonalDataKeyDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("keys.pd.update"));
        var reason = new TextArea(getTranslation("keys.pd.update.reason"));
        reason.setId("personal-data-key-reason");
        reason.setWidthFull();
        reason.setMaxLength(500);
        dialog.add(new Paragraph(getTranslation("keys.pd.update.note")), reason);
        var go = new Button(getTranslation("keys.pd.update.go"), e -> {
            try {
                CeremonyView ceremony = ceremonies.startPersonalDataKeyUpdate(reason.getValue());
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate("keys/ceremonies/" + ceremony.id()));
            } catch (DomainValidationException ex) {
                reason.setInvalid(true);
                reason.setErrorMessage(ex.violations().stream().map(FieldViolation::message).findFirst().orElse(""));
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error(ex.getMessage());
            }
        });
        go.setId("personal-data-key-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("keys.close"), e -> dialog.close()), go);
        dialog.open();
    }

    private void openArchiveDialog(KeyView key) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("keys.archive.title", key.label() + " v" + key.version()));
        var reason = new TextArea(getTranslation("keys.archive.reason"));
        reason.setId("archive-reason");
        reason.setWidthFull();
        reason.setMaxLength(500);
        dialog.add(new Paragraph(getTranslation("keys.archive.note")), reason);
        var go = new Button(getTranslation("keys.archive"), e -> {
            try {
                keys.archive(key.label(), key.version(), reason.getValue());
                dialog.close();
                Notification.show(getTranslation("keys.archive.done", key.label() + " v" + key.version()), 5000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (DomainValidationException ex) {
                reason.setInvalid(true);
                reason.setErrorMessage(ex.violations().stream().map(FieldViolation::message).findFirst().orElse(""));
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error(ex.getMessage());
            }
        });
        go.setId("archive-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button(getTranslation("keys.close"), e -> dialog.close()), go);
        dialog.open();
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private boolean english() {
        return "en".equals(getLocale().getLanguage());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("keys.title") + " · " + getTranslation("app.title");
    }
}
