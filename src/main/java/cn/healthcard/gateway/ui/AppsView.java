package cn.healthcard.gateway.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.gateway.AppAuthorizationService;
import cn.healthcard.gateway.AppAuthorizationView;
import cn.healthcard.gateway.AppState;
import cn.healthcard.gateway.AppView;
import cn.healthcard.gateway.GatewayMethod;
import cn.healthcard.gateway.IssuedSecret;
import cn.healthcard.gateway.SdkView;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 「应用授权」 (电子健康卡SDK授权管理, EHC-06): the SDKs, the apps and every authorization, granted or revoked. Admins
 * register SDKs and apps, authorise and revoke, disable and enable, and issue an app's secret — shown once, with the
 * platform-signed authorization-code file to download; auditors look. The service checks role and region again.
 */
@Route(value = "ehc/apps", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "AUDITOR"})
class AppsView extends VerticalLayout implements HasDynamicTitle {

    private final AppAuthorizationService service;
    private final boolean admin;
    private final Grid<AppView> appGrid = new Grid<>();
    private final Grid<SdkView> sdkGrid = new Grid<>();
    private final Grid<AppAuthorizationView> authorizationGrid = new Grid<>();

    AppsView(AppAuthorizationService service) {
        this.service = service;
        this.admin = SecurityContextUsers.require().has(Role.ADMIN);
        setSizeFull();
        var header = new HorizontalLayout(new H2(getTranslation("apps.title")));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (admin) {
            var newSdk = new Button(getTranslation("apps.sdk.new"), VaadinIcon.PACKAGE.create(), e -> sdkDialog());
            newSdk.setId("apps-new-sdk");
            var newApp = new Button(getTranslation("apps.app.new"), VaadinIcon.MOBILE.create(), e -> appDialog());
            newApp.setId("apps-new-app");
            newApp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(newSdk, newApp);
        }
        add(header);
        var note = new Paragraph(getTranslation("apps.note"));
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        add(note);
        var tabs = new TabSheet();
        tabs.setId("apps-tabs");
        tabs.setSizeFull();
        tabs.add(getTranslation("apps.tab.apps"), appGrid());
        tabs.add(getTranslation("apps.tab.sdks"), sdkGrid());
        tabs.add(getTranslation("apps.tab.authorizations"), authorizationGrid());
        add(tabs);
        expand(tabs);
        refresh();
    }

    private Component appGrid() {
        appGrid.setId("apps-grid");
        appGrid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        appGrid.addColumn(AppView::appId).setHeader(getTranslation("apps.col.appId")).setAutoWidth(true);
        appGrid.addColumn(AppView::name).setHeader(getTranslation("apps.col.name")).setFlexGrow(1);
        appGrid.addColumn(AppView::developer).setHeader(getTranslation("apps.col.developer")).setFlexGrow(1);
        appGrid.addColumn(a -> a.institutionCode() == null ? getTranslation("apps.residents")
                        : a.institutionCode()).setHeader(getTranslation("apps.col.institution")).setAutoWidth(true);
        appGrid.addColumn(a -> state(a.state())).setHeader(getTranslation("apps.col.state")).setAutoWidth(true);
        appGrid.addColumn(a -> a.secretVersion() == 0 ? getTranslation("apps.secret.none") : "v" + a.secretVersion())
                .setTooltipGenerator(a -> a.secretIssuedAt() == null ? ""
                        : ChinaTime.minutes(a.secretIssuedAt()) + " · " + a.secretIssuedBy())
                .setHeader(getTranslation("apps.col.secret")).setAutoWidth(true);
        appGrid.addColumn(a -> a.authorisedSdks().isEmpty() ? "—" : String.join("、", a.authorisedSdks()))
                .setHeader(getTranslation("apps.col.sdks")).setFlexGrow(1);
        if (admin) {
            appGrid.addComponentColumn(this::appActions).setHeader(getTranslation("apps.col.actions"))
                    .setAutoWidth(true);
        }
        appGrid.setSizeFull();
        return appGrid;
    }

    private Component appActions(AppView app) {
        var authorise = small(getTranslation("apps.authorize"), "apps-authorize-" + app.appId(),
                () -> authorizeDialog(app));
        var revoke = small(getTranslation("apps.revoke"), "apps-revoke-" + app.appId(), () -> revokeDialog(app));
        revoke.setEnabled(!app.authorisedSdks().isEmpty());
        var secret = small(getTranslation(app.secretVersion() == 0 ? "apps.secret.issue" : "apps.secret.rotate"),
                "apps-secret-" + app.appId(), () -> secretDialog(app));
        boolean active = app.state() == AppState.ACTIVE;
        var toggle = small(getTranslation(active ? "apps.disable" : "apps.enable"), "apps-toggle-" + app.appId(),
                () -> act(() -> service.changeAppState(app.appId(), active ? AppState.DISABLED : AppState.ACTIVE)));
        var actions = new HorizontalLayout(authorise, revoke, secret, toggle);
        actions.setSpacing(false);
        actions.getStyle().set("gap", "var(--lumo-space-xs)");
        return actions;
    }

    private Component sdkGrid() {
        sdkGrid.setId("sdks-grid");
        sdkGrid.addColumn(SdkView::sdkId).setHeader(getTranslation("apps.col.sdkId")).setAutoWidth(true);
        sdkGrid.addColumn(SdkView::name).setHeader(getTranslation("apps.col.name")).setAutoWidth(true);
        sdkGrid.addColumn(SdkView::sdkVersion).setHeader(getTranslation("apps.col.sdkVersion")).setAutoWidth(true);
        sdkGrid.addColumn(SdkView::developer).setHeader(getTranslation("apps.col.developer")).setAutoWidth(true);
        sdkGrid.addColumn(s -> s.methods().stream().map(this::method).collect(Collectors.joining("、")))
                .setHeader(getTranslation("apps.col.methods")).setAutoWidth(true);
        sdkGrid.addColumn(s -> state(s.state())).setHeader(getTranslation("apps.col.state")).setAutoWidth(true);
        sdkGrid.addColumn(s -> ChinaTime.minutes(s.registeredAt()) + " · " + s.registeredBy())
                .setHeader(getTranslation("apps.col.registered")).setAutoWidth(true);
        if (admin) {
            sdkGrid.addComponentColumn(s -> {
                boolean active = s.state() == AppState.ACTIVE;
                return small(getTranslation(active ? "apps.disable" : "apps.enable"), "sdks-toggle-" + s.sdkId(),
                        () -> act(() -> service.changeSdkState(s.sdkId(),
                                active ? AppState.DISABLED : AppState.ACTIVE)));
            }).setHeader(getTranslation("apps.col.actions")).setAutoWidth(true);
        }
        sdkGrid.setSizeFull();
        return sdkGrid;
    }

    private Component authorizationGrid() {
        authorizationGrid.setId("authorizations-grid");
        authorizationGrid.addColumn(AppAuthorizationView::appId).setHeader(getTranslation("apps.col.appId"))
                .setAutoWidth(true);
        authorizationGrid.addColumn(AppAuthorizationView::sdkId).setHeader(getTranslation("apps.col.sdkId"))
                .setAutoWidth(true);
        authorizationGrid.addColumn(a -> ChinaTime.minutes(a.grantedAt()) + " · " + a.grantedBy())
                .setHeader(getTranslation("apps.col.granted")).setAutoWidth(true);
        authorizationGrid.addColumn(a -> a.active() ? getTranslation("apps.authorization.active")
                        : ChinaTime.minutes(a.revokedAt()) + " · " + a.revokedBy() + " · " + a.revokeReason())
                .setHeader(getTranslation("apps.col.revoked")).setAutoWidth(true);
        authorizationGrid.setSizeFull();
        return authorizationGrid;
    }

    private void refresh() {
        List<AppView> apps = service.apps();
        appGrid.setItems(apps);
        sdkGrid.setItems(service.sdks());
        authorizationGrid.setItems(apps.stream().flatMap(a -> a.authorizations().stream())
                .sorted(Comparator.comparing(AppAuthorizationView::grantedAt, Comparator.reverseOrder())).toList());
    }

    private void sdkDialog() {
        var id = field("sdk-id", "apps.col.sdkId");
        var name = field("sdk-name", "apps.col.name");
        var version = field("sdk-version", "apps.col.sdkVersion");
        var developer = field("sdk-developer", "apps.col.developer");
        var methods = new CheckboxGroup<GatewayMethod>(getTranslation("apps.col.methods"));
        methods.setId("sdk-methods");
        methods.setItems(GatewayMethod.values());
        methods.setItemLabelGenerator(this::method);
        var form = new FormLayout(id, version, name, developer, methods);
        form.setColspan(methods, 2);
        formDialog("apps.sdk.new", "sdk-save", form, Map.of("sdkId", id, "name", name, "sdkVersion", version,
                "developer", developer, "methods", methods), () -> service.registerSdk(id.getValue(),
                name.getValue(), version.getValue(), developer.getValue(), methods.getValue()));
    }

    private void appDialog() {
        var name = field("app-name", "apps.col.name");
        var developer = field("app-developer", "apps.col.developer");
        var institution = field("app-institution", "apps.col.institution");
        institution.setHelperText(getTranslation("apps.institution.help"));
        var form = new FormLayout(name, developer, institution);
        formDialog("apps.app.new", "app-save", form, Map.of("name", name, "developer", developer,
                "institutionCode", institution), () -> service.registerApp(name.getValue(), developer.getValue(),
                institution.getValue()));
    }

    private void authorizeDialog(AppView app) {
        var sdk = new Select<SdkView>();
        sdk.setId("authorize-sdk");
        sdk.setLabel(getTranslation("apps.col.sdkId"));
        sdk.setItems(service.sdks().stream().filter(s -> s.state() == AppState.ACTIVE
                && !app.authorisedSdks().contains(s.sdkId())).toList());
        sdk.setItemLabelGenerator(s -> s.sdkId() + " · " + s.name() + " " + s.sdkVersion());
        sdk.setWidthFull();
        formDialog("apps.authorize", "authorize-go", new FormLayout(sdk), Map.of("sdkId", sdk),
                () -> service.authorize(app.appId(), sdk.getValue() == null ? null : sdk.getValue().sdkId()));
    }

    private void revokeDialog(AppView app) {
        var sdk = new Select<String>();
        sdk.setId("revoke-sdk");
        sdk.setLabel(getTranslation("apps.col.sdkId"));
        sdk.setItems(app.authorisedSdks());
        var reason = field("revoke-reason", "apps.revoke.reason");
        formDialog("apps.revoke", "revoke-go", new FormLayout(sdk, reason), Map.of("reason", reason),
                () -> service.revoke(app.appId(), sdk.getValue(), reason.getValue()));
    }

    /** Issues (or rotates) the secret: shown once here, with the authorization-code file to download. */
    private void secretDialog(AppView app) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("apps.secret.title", app.name() + "（" + app.appId() + "）"));
        var body = new VerticalLayout(new Paragraph(getTranslation(app.secretVersion() == 0 ? "apps.secret.note"
                : "apps.secret.rotate.note")));
        body.setPadding(false);
        dialog.add(body);
        var go = new Button(getTranslation(app.secretVersion() == 0 ? "apps.secret.issue" : "apps.secret.rotate"));
        go.setId("secret-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.addClickListener(e -> {
            try {
                IssuedSecret issued = service.issueSecret(app.appId());
                var secret = new TextField(getTranslation("apps.secret.value", issued.secretVersion()));
                secret.setId("secret-value");
                secret.setValue(issued.secret());
                secret.setReadOnly(true);
                secret.setWidthFull();
                byte[] file = issued.authorizationCodeFile();
                String fileName = "hcac-" + issued.appId() + "-v" + issued.secretVersion() + ".json";
                var download = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(file), fileName, "application/json", file.length)),
                        getTranslation("apps.secret.download", fileName));
                download.setId("secret-download");
                var warning = new Paragraph(getTranslation("apps.secret.once"));
                warning.getStyle().set("color", "var(--lumo-error-text-color)");
                body.add(secret, download, warning);
                go.setEnabled(false);
                refresh();
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error(ex.getMessage());
            }
        });
        dialog.getFooter().add(new Button(getTranslation("apps.close"), e -> dialog.close()), go);
        dialog.open();
    }

    /** A dialog whose action's field violations land on the named fields; closes and refreshes on success. */
    private void formDialog(String titleKey, String goId, FormLayout form, Map<String, HasValidation> fields,
                            Runnable action) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(titleKey));
        dialog.setWidth("40em");
        dialog.add(form);
        var go = new Button(getTranslation("apps.save"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            try {
                action.run();
                dialog.close();
                Notification.show(getTranslation("apps.saved"), 4000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (DomainValidationException ex) {
                for (FieldViolation v : ex.violations()) {
                    HasValidation field = fields.get(v.field());
                    if (field == null) {
                        error(v.message());
                    } else {
                        field.setErrorMessage(v.message());
                        field.setInvalid(true);
                    }
                }
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error(ex.getMessage());
            }
        });
        go.setId(goId);
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("apps.close"), e -> dialog.close()), go);
        dialog.open();
    }

    private void act(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (ConflictException | NotFoundException | AccessDeniedException | DomainValidationException ex) {
            error(ex.getMessage());
        }
    }

    private TextField field(String id, String labelKey) {
        var field = new TextField(getTranslation(labelKey));
        field.setId(id);
        field.setWidthFull();
        return field;
    }

    private static Button small(String text, String id, Runnable action) {
        var button = new Button(text, e -> action.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private String state(AppState state) {
        return english() ? state.nameEn() : state.nameZh();
    }

    private String method(GatewayMethod method) {
        return (english() ? method.nameEn() : method.nameZh()) + " (" + method.code() + ")";
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private boolean english() {
        return "en".equals(getLocale().getLanguage());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("apps.title") + " · " + getTranslation("app.title");
    }
}
