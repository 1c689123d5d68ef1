package cn.healthcard.institutionui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.security.access.AccessDeniedException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Register or modify an institution (ADMIN, ORG-01…04): the fields of its kind — the medical institution's nature,
 * category, unified social credit code and medical-institution code appear only for 医疗卫生机构. The service checks
 * everything; its messages land on the field they name, a changed-meanwhile institution (another version) is said
 * plainly with the way out (close, reload, edit again).
 */
class InstitutionDialog extends Dialog {

    private final InstitutionService service;
    private final InstitutionDetails editing;
    private final Consumer<InstitutionDetails> saved;

    private final TextField code = new TextField();
    private final TextField name = new TextField();
    private final Select<InstitutionKind> kind = new Select<>();
    private final ComboBox<String> region = new ComboBox<>();
    private final TextField superior = new TextField();
    private final TextField contact = new TextField();
    private final TextField phone = new TextField();
    private final TextField head = new TextField();
    private final TextField address = new TextField();
    private final Select<MedicalNature> nature = new Select<>();
    private final Select<MedicalCategory> category = new Select<>();
    private final TextField creditCode = new TextField();
    private final TextField medicalCode = new TextField();
    private final H4 medicalHeading = new H4();
    private final FormLayout medical;
    private final Paragraph conflict = new Paragraph();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    static void register(InstitutionService service, Locale locale, Consumer<InstitutionDetails> saved) {
        new InstitutionDialog(service, null, locale, saved).open();
    }

    static void modify(InstitutionService service, InstitutionDetails current, Locale locale,
                       Consumer<InstitutionDetails> saved) {
        new InstitutionDialog(service, current, locale, saved).open();
    }

    private InstitutionDialog(InstitutionService service, InstitutionDetails editing, Locale locale,
                              Consumer<InstitutionDetails> saved) {
        this.service = service;
        this.editing = editing;
        this.saved = saved;
        setId("inst-dialog");
        setHeaderTitle(editing == null ? getTranslation("inst.register")
                : getTranslation("inst.modify.title", editing.name()));
        setWidth("52em");

        text(code, "inst-code", "inst.field.code", "code");
        text(name, "inst-name", "inst.field.name", "name");
        kind.setLabel(getTranslation("inst.field.kind"));
        kind.setId("inst-kind");
        kind.setItems(InstitutionKind.values());
        kind.setItemLabelGenerator(k -> Labels.kind(k, locale));
        fields.put("kind", kind);
        region.setLabel(getTranslation("inst.field.region"));
        region.setId("inst-region");
        region.setItems(Labels.regionsWithin(service.scope()));
        region.setItemLabelGenerator(Labels::regionLabel);
        region.setAllowCustomValue(false);
        fields.put("regionCode", region);
        text(superior, "inst-superior", "inst.field.superiorCode", "superiorCode");
        superior.setHelperText(getTranslation("inst.superior.help"));
        text(contact, "inst-contact", "inst.field.contact", "contact");
        text(phone, "inst-phone", "inst.field.phone", "phone");
        text(head, "inst-head", "inst.field.head", "head");
        text(address, "inst-address", "inst.field.address", "address");
        nature.setLabel(getTranslation("inst.field.nature"));
        nature.setId("inst-nature");
        nature.setItems(MedicalNature.values());
        nature.setItemLabelGenerator(n -> Labels.nature(n, locale));
        fields.put("nature", nature);
        category.setLabel(getTranslation("inst.field.category"));
        category.setId("inst-category");
        category.setItems(MedicalCategory.values());
        category.setItemLabelGenerator(c -> Labels.category(c, locale));
        fields.put("category", category);
        text(creditCode, "inst-credit-code", "inst.field.creditCode", "creditCode");
        creditCode.setHelperText(getTranslation("inst.creditCode.help"));
        text(medicalCode, "inst-medical-code", "inst.field.medicalCode", "medicalCode");

        var basic = new FormLayout(code, name, kind, region, superior, contact, phone, head, address);
        basic.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        basic.setColspan(name, 2);
        basic.setColspan(address, 2);
        medicalHeading.setText(getTranslation("inst.section.medical"));
        medical = new FormLayout(nature, category, creditCode, medicalCode);
        medical.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        conflict.setId("inst-conflict");
        conflict.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        conflict.setVisible(false);
        add(conflict, basic, medicalHeading, medical);

        kind.addValueChangeListener(e -> showKindFields());
        if (editing != null) {
            InstitutionForm form = InstitutionForm.of(editing);
            code.setValue(form.code());
            code.setReadOnly(true);
            name.setValue(orEmpty(form.name()));
            kind.setValue(form.kind());
            kind.setReadOnly(true);
            region.setValue(form.regionCode());
            superior.setValue(orEmpty(form.superiorCode()));
            contact.setValue(orEmpty(form.contact()));
            phone.setValue(orEmpty(form.phone()));
            head.setValue(orEmpty(form.head()));
            address.setValue(orEmpty(form.address()));
            nature.setValue(form.nature());
            category.setValue(form.category());
            creditCode.setValue(orEmpty(form.creditCode()));
            medicalCode.setValue(orEmpty(form.medicalCode()));
        } else {
            kind.setValue(InstitutionKind.MEDICAL);
        }
        showKindFields();

        var save = new Button(getTranslation("inst.save"), e -> save());
        save.setId("inst-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var close = new Button(getTranslation("inst.close"), e -> close());
        close.setId("inst-dialog-close");
        getFooter().add(close, save);
    }

    private void showKindFields() {
        boolean isMedical = kind.getValue() == InstitutionKind.MEDICAL;
        boolean isMaker = kind.getValue() == InstitutionKind.CARD_MAKER;
        medicalHeading.setVisible(isMedical);
        medical.setVisible(isMedical || isMaker);
        // a card maker carries only its credit code (its CARD filings, decision 027)
        nature.setVisible(isMedical);
        category.setVisible(isMedical);
        medicalCode.setVisible(isMedical);
    }

    private void save() {
        fields.values().forEach(f -> f.setInvalid(false));
        conflict.setVisible(false);
        boolean isMedical = kind.getValue() == InstitutionKind.MEDICAL;
        InstitutionForm form = new InstitutionForm(value(code), value(name), kind.getValue(), region.getValue(),
                value(superior), value(contact), value(phone), value(address), value(head),
                isMedical ? nature.getValue() : null, isMedical ? category.getValue() : null,
                isMedical || kind.getValue() == InstitutionKind.CARD_MAKER ? value(creditCode) : null,
                isMedical ? value(medicalCode) : null);
        try {
            InstitutionDetails result = editing == null ? service.register(form)
                    : service.modify(editing.code(), editing.version(), form);
            close();
            Notification.show(getTranslation(editing == null ? "inst.registered" : "inst.modified", result.name()),
                    4000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            saved.accept(result);
        } catch (DomainValidationException ex) {
            showErrors(ex.violations());
        } catch (ConflictException ex) {
            conflict.setText(editing != null && isVersionConflict(ex)
                    ? getTranslation("inst.conflict.version", ex.getMessage()) : ex.getMessage());
            conflict.setVisible(true);
        } catch (NotFoundException | AccessDeniedException ex) {
            conflict.setText(ex.getMessage());
            conflict.setVisible(true);
        }
    }

    /** A conflict other than a version (e.g. the institution was cancelled meanwhile) is shown as the service says it. */
    private static boolean isVersionConflict(ConflictException ex) {
        return "INSTITUTION_VERSION".equals(ex.code());
    }

    private void showErrors(List<FieldViolation> violations) {
        for (FieldViolation v : violations) {
            HasValidation field = fields.get(v.field());
            if (field == null) {
                Notification.show(v.message(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            } else {
                field.setErrorMessage(v.message());
                field.setInvalid(true);
            }
        }
    }

    private void text(TextField field, String id, String labelKey, String property) {
        field.setLabel(getTranslation(labelKey));
        field.setId(id);
        field.setWidthFull();
        fields.put(property, field);
    }

    private static String value(TextField field) {
        String v = field.getValue();
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
