package cn.healthcard.security.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.OwnPassword;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.Map;

/**
 * 「修改密码」 (SEC-01, decision 024): the signed-in person changes the own password, the old one required. A person
 * whose password must be changed (created or reset by an admin, or expired) is led here from every other screen by
 * {@link PasswordChangeGuard} until it is done. Shown in the main layout (its automatic layout).
 */
@Route("password")
@PermitAll
class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    private final OwnPassword passwords;
    private final PasswordField oldPassword = new PasswordField();
    private final PasswordField newPassword = new PasswordField();
    private final PasswordField confirm = new PasswordField();

    ChangePasswordView(OwnPassword passwords) {
        this.passwords = passwords;
        add(new H2(getTranslation("password.title")));
        if (passwords.changeRequired()) {
            var forced = new Paragraph(getTranslation("password.required"));
            forced.setId("password-change-required");
            forced.getStyle().set("color", "var(--lumo-error-text-color)");
            add(forced);
        }
        add(new Paragraph(getTranslation("password.rules")));
        oldPassword.setLabel(getTranslation("password.old"));
        oldPassword.setId("old-password");
        newPassword.setLabel(getTranslation("password.new"));
        newPassword.setId("new-password");
        confirm.setLabel(getTranslation("password.confirm"));
        confirm.setId("confirm-password");
        for (PasswordField f : new PasswordField[]{oldPassword, newPassword, confirm}) {
            f.setRequiredIndicatorVisible(true);
            f.setMaxLength(200);
        }
        var form = new FormLayout(oldPassword, newPassword, confirm);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("28em");
        var save = new Button(getTranslation("password.save"), e -> save());
        save.setId("change-password-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(form, save);
    }

    private void save() {
        Map<String, PasswordField> fields = Map.of("oldPassword", oldPassword, "newPassword", newPassword);
        fields.values().forEach(f -> f.setInvalid(false));
        confirm.setInvalid(false);
        if (!newPassword.getValue().equals(confirm.getValue())) {
            confirm.setErrorMessage(getTranslation("password.mismatch"));
            confirm.setInvalid(true);
            return;
        }
        try {
            passwords.change(oldPassword.getValue(), newPassword.getValue());
        } catch (DomainValidationException ex) {
            for (FieldViolation v : ex.violations()) {
                PasswordField field = fields.getOrDefault(v.field(), newPassword);
                String before = field.isInvalid() ? field.getErrorMessage() + "；" : "";
                field.setErrorMessage(before + v.message());
                field.setInvalid(true);
            }
            return;
        }
        Notification.show(getTranslation("password.changed"), 4000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        UI.getCurrent().navigate("");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("password.title") + " · " + getTranslation("app.title");
    }
}
