package cn.healthcard.security.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserManagement;
import cn.healthcard.security.UserManagement.NewUser;
import cn.healthcard.security.UserManagement.Outcome;
import cn.healthcard.security.UserManagement.UserChange;
import cn.healthcard.security.UserManagement.UserView;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.security.access.AccessDeniedException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The create / edit dialog of 「用户管理」: field-named messages from the service's validation beside each field. */
class UserDialog extends Dialog {

    /** The roles a person may hold (never SYSTEM or APP). */
    static final List<Role> PERSON_ROLES = Arrays.stream(Role.values()).filter(r -> !r.machineOnly()).toList();

    private final TextField username = new TextField();
    private final TextField displayName = new TextField();
    private final ComboBox<Institution> institution = new ComboBox<>();
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>();
    private final Checkbox groupLead = new Checkbox();

    UserDialog(UserManagement users, List<Institution> institutions, UserView editing, Consumer<Outcome> done,
               Consumer<String> error) {
        boolean english = "en".equals(getLocale().getLanguage());
        setHeaderTitle(getTranslation(editing == null ? "users.new" : "users.edit"));
        setWidth("40em");
        username.setLabel(getTranslation("users.username"));
        username.setId("user-username");
        username.setMaxLength(64);
        displayName.setLabel(getTranslation("users.displayName"));
        displayName.setId("user-display-name");
        displayName.setMaxLength(100);
        institution.setLabel(getTranslation("users.institution"));
        institution.setId("user-institution");
        institution.setItems(institutions);
        institution.setItemLabelGenerator(i -> i.name() + " (" + i.code() + ")");
        roles.setLabel(getTranslation("users.roles"));
        roles.setId("user-roles");
        roles.setItems(PERSON_ROLES);
        roles.setItemLabelGenerator(r -> english ? r.nameEn() : r.nameZh());
        groupLead.setLabel(getTranslation("users.groupLead"));
        groupLead.setId("user-group-lead");
        var form = new FormLayout();
        if (editing == null) {
            form.add(username);
        } else {
            username.setValue(editing.username());
            username.setReadOnly(true);
            form.add(username);
            displayName.setValue(editing.displayName());
            institutions.stream().filter(i -> i.code().equals(editing.institutionCode())).findFirst()
                    .ifPresent(institution::setValue);
            roles.setValue(editing.roles());
            groupLead.setValue(editing.groupLead());
        }
        form.add(displayName, institution, roles, groupLead);
        form.setColspan(roles, 2);
        add(form);
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("displayName", displayName);
        fields.put("institutionCode", institution);
        fields.put("roles", roles);
        var save = new Button(getTranslation("users.save"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            String code = institution.getValue() == null ? null : institution.getValue().code();
            var chosen = roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue());
            try {
                Outcome outcome = editing == null
                        ? users.create(new NewUser(username.getValue(), displayName.getValue(), code, chosen,
                        groupLead.getValue()))
                        : users.modify(editing.username(), editing.version(), new UserChange(displayName.getValue(),
                        chosen, code, groupLead.getValue()));
                close();
                done.accept(outcome);
            } catch (DomainValidationException ex) {
                for (FieldViolation v : ex.violations()) {
                    HasValidation field = fields.get(v.field());
                    if (field == null) {
                        error.accept(v.message());
                    } else {
                        field.setErrorMessage(v.message());
                        field.setInvalid(true);
                    }
                }
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                error.accept(ex.getMessage());
            }
        });
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("users.cancel"), e -> close()), save);
    }
}
