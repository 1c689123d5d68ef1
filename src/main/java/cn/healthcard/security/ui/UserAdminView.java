package cn.healthcard.security.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserManagement;
import cn.healthcard.security.UserManagement.Outcome;
import cn.healthcard.security.UserManagement.PendingChange;
import cn.healthcard.security.UserManagement.UserFilter;
import cn.healthcard.security.UserManagement.UserView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * 「用户管理」 (SEC-01, decision 024): the users of the admin's region with filters (name, role, institution,
 * status); create and edit, disable and enable, reset a password (the temporary one shown once); and the changes
 * waiting for a second admin (two-person rule for admins, key administrators and auditors), approved or rejected here. The
 * service checks role, region and the two-person rule again.
 */
@Route("admin/users")
@RolesAllowed("ADMIN")
class UserAdminView extends VerticalLayout implements HasDynamicTitle {

    private final UserManagement users;
    private final List<Institution> institutions;
    private final boolean english;
    private final TextField name = new TextField();
    private final Select<Role> role = new Select<>();
    private final ComboBox<Institution> institution = new ComboBox<>();
    private final Select<String> status = new Select<>();
    private final Grid<UserView> grid = new Grid<>();
    private final Grid<PendingChange> pendingGrid = new Grid<>();

    UserAdminView(UserManagement users, InstitutionService institutionService) {
        this.users = users;
        this.institutions = institutionService.within(SecurityContextUsers.require().region()).stream()
                .sorted(Comparator.comparing(Institution::code)).toList();
        this.english = "en".equals(getLocale().getLanguage());
        setSizeFull();

        var create = new Button(getTranslation("users.new"), VaadinIcon.PLUS.create(),
                e -> new UserDialog(users, institutions, null, this::done, this::error).open());
        create.setId("users-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2(getTranslation("users.title")), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        name.setLabel(getTranslation("users.filter.name"));
        name.setId("users-filter-name");
        name.setMaxLength(100);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        role.setLabel(getTranslation("users.filter.role"));
        role.setId("users-filter-role");
        role.setItems(UserDialog.PERSON_ROLES);
        role.setEmptySelectionAllowed(true);
        role.setEmptySelectionCaption(getTranslation("users.filter.any"));
        role.setItemLabelGenerator(r -> r == null ? getTranslation("users.filter.any") : roleName(r));
        institution.setLabel(getTranslation("users.filter.institution"));
        institution.setId("users-filter-institution");
        institution.setItems(institutions);
        institution.setItemLabelGenerator(i -> i.name() + " (" + i.code() + ")");
        institution.setClearButtonVisible(true);
        institution.setWidth("24em");
        status.setLabel(getTranslation("users.filter.status"));
        status.setId("users-filter-status");
        status.setItems("", "ENABLED", "DISABLED");
        status.setValue("");
        status.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("users.filter.any")
                : getTranslation("users.status." + s));
        name.addValueChangeListener(e -> refresh());
        role.addValueChangeListener(e -> refresh());
        institution.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        var filters = new HorizontalLayout(name, role, institution, status);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(UserView::username).setHeader(getTranslation("users.username")).setAutoWidth(true);
        grid.addColumn(UserView::displayName).setHeader(getTranslation("users.displayName")).setAutoWidth(true);
        var names = institutions.stream().collect(Collectors.toMap(Institution::code, Institution::name));
        grid.addColumn(u -> names.getOrDefault(u.institutionCode(), u.institutionCode()))
                .setHeader(getTranslation("users.institution")).setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().sorted().map(this::roleName).collect(Collectors.joining("、")))
                .setHeader(getTranslation("users.roles")).setAutoWidth(true);
        grid.addColumn(u -> getTranslation(u.enabled() ? "users.status.ENABLED" : "users.status.DISABLED")
                        + (u.mustChangePassword() ? " · " + getTranslation("users.mustChange") : ""))
                .setHeader(getTranslation("users.filter.status")).setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("users.actions")).setAutoWidth(true);

        pendingGrid.setId("users-pending-grid");
        pendingGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        pendingGrid.setAllRowsVisible(true);
        pendingGrid.addColumn(c -> time(c.requestedAt())).setHeader(getTranslation("users.pending.at"))
                .setAutoWidth(true);
        pendingGrid.addColumn(PendingChange::requestedBy).setHeader(getTranslation("users.pending.by"))
                .setAutoWidth(true);
        pendingGrid.addColumn(c -> getTranslation("users.pending.kind." + c.kind())).setAutoWidth(true)
                .setHeader(getTranslation("users.pending.kind"));
        pendingGrid.addColumn(PendingChange::summary).setHeader(getTranslation("users.pending.summary"))
                .setFlexGrow(1);
        pendingGrid.addComponentColumn(this::decisions).setHeader(getTranslation("users.actions")).setAutoWidth(true);

        add(header, filters, grid, new H3(getTranslation("users.pending.title")),
                new Paragraph(getTranslation("users.pending.hint")), pendingGrid);
        refresh();
    }

    private HorizontalLayout actions(UserView user) {
        var edit = new Button(getTranslation("users.edit"),
                e -> new UserDialog(users, institutions, users.user(user.username()), this::done, this::error).open());
        edit.setId("user-edit-" + user.username());
        var toggle = new Button(getTranslation(user.enabled() ? "users.disable" : "users.enable"), e -> act(() ->
                user.enabled() ? users.disable(user.username()) : users.enable(user.username())));
        toggle.setId((user.enabled() ? "user-disable-" : "user-enable-") + user.username());
        var reset = new Button(getTranslation("users.reset"), e -> confirmReset(user));
        reset.setId("user-reset-" + user.username());
        for (Button b : new Button[]{edit, toggle, reset}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(edit, toggle, reset);
    }

    private HorizontalLayout decisions(PendingChange change) {
        var approve = new Button(getTranslation("users.pending.approve"), e -> act(() -> users.approve(change.id())));
        approve.setId("pending-approve-" + change.username());
        approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
        var reject = new Button(getTranslation("users.pending.reject"), e -> rejectDialog(change));
        reject.setId("pending-reject-" + change.username());
        reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(approve, reject);
    }

    private void confirmReset(UserView user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.reset"));
        dialog.add(new Paragraph(getTranslation("users.reset.confirm", user.username())));
        var go = new Button(getTranslation("users.reset"), e -> {
            dialog.close();
            act(() -> users.resetPassword(user.username()));
        });
        go.setId("user-reset-confirm");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button(getTranslation("users.cancel"), e -> dialog.close()), go);
        dialog.open();
    }

    private void rejectDialog(PendingChange change) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.pending.reject"));
        var reason = new TextArea(getTranslation("users.pending.reason"));
        reason.setId("pending-reason");
        reason.setMaxLength(500);
        reason.setWidthFull();
        dialog.add(reason);
        var go = new Button(getTranslation("users.pending.reject"), e -> {
            try {
                users.reject(change.id(), reason.getValue());
                dialog.close();
                notice(getTranslation("users.pending.rejected"));
                refresh();
            } catch (DomainValidationException ex) {
                reason.setErrorMessage(ex.violations().get(0).message());
                reason.setInvalid(true);
            } catch (RuntimeException ex) {
                fail(ex);
            }
        });
        go.setId("pending-reject-confirm");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button(getTranslation("users.cancel"), e -> dialog.close()), go);
        dialog.open();
    }

    /** Runs an operation that answers an outcome, then shows what happened. */
    private void act(Supplier<Outcome> action) {
        try {
            done(action.get());
        } catch (RuntimeException ex) {
            fail(ex);
        }
    }

    private void done(Outcome outcome) {
        if (outcome.awaitsApproval() && outcome.pending().status() == UserManagement.ChangeStatus.PENDING) {
            notice(getTranslation("users.pending.requested"));
        } else if (outcome.temporaryPassword() != null) {
            showPassword(outcome.user().username(), outcome.temporaryPassword());
        } else {
            notice(getTranslation("users.saved"));
        }
        refresh();
    }

    private void showPassword(String username, String temporary) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.password.title", username));
        var value = new Span(temporary);
        value.setId("temporary-password");
        value.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-xl)");
        dialog.add(new Paragraph(getTranslation("users.password.once")), value);
        var close = new Button(getTranslation("users.close"), e -> dialog.close());
        close.setId("temporary-password-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private void refresh() {
        String s = status.getValue();
        grid.setItems(users.users(new UserFilter(name.getValue(), role.getValue(),
                institution.getValue() == null ? null : institution.getValue().code(),
                s == null || s.isEmpty() ? null : "ENABLED".equals(s))));
        pendingGrid.setItems(users.pendingChanges());
    }

    private void fail(RuntimeException ex) {
        if (ex instanceof DomainValidationException v) {
            error(v.violations().stream().map(f -> f.message()).collect(Collectors.joining("；")));
        } else if (ex instanceof ConflictException || ex instanceof NotFoundException
                || ex instanceof AccessDeniedException) {
            error(ex.getMessage());
        } else {
            throw ex;
        }
        refresh();
    }

    private void notice(String text) {
        Notification.show(text, 4000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void error(String text) {
        Notification.show(text, 6000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private String roleName(Role r) {
        return english ? r.nameEn() : r.nameZh();
    }

    private static String time(Instant at) {
        return at == null ? "" : ChinaTime.minutes(at);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " · " + getTranslation("app.title");
    }
}
