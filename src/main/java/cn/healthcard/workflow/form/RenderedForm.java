package cn.healthcard.workflow.form;

import cn.healthcard.common.FieldViolation;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A form produced by {@link FormRenderer}: the fields in a {@link FormLayout}, a line for general errors (id
 * {@code form-errors}) and a button bar. Field components have the id {@code field-<key>}, buttons
 * {@code form-<key>} (so the default submit button is {@code form-submit}). Values are buffered: nothing is written
 * anywhere until a submit button is clicked and the fields are valid, then a {@link SubmitEvent} is fired.
 */
public class RenderedForm extends Composite<VerticalLayout> {

    private final Binder<Map<String, Object>> binder;
    private final Map<String, Object> initialBean;
    private final Map<String, Component> components;
    private final Map<String, Binder.Binding<Map<String, Object>, ?>> editable;
    private final List<Button> buttons;
    private final Div errors = new Div();

    RenderedForm(Binder<Map<String, Object>> binder, Map<String, Object> initialBean,
                 Map<String, Component> components, Map<String, Binder.Binding<Map<String, Object>, ?>> editable,
                 FormLayout layout, Map<String, String> buttonLabels) {
        this.binder = binder;
        this.initialBean = initialBean;
        this.components = components;
        this.editable = editable;
        this.buttons = new ArrayList<>();
        errors.setId("form-errors");
        errors.getStyle().set("color", "var(--lumo-error-text-color)");
        errors.setVisible(false);
        HorizontalLayout bar = new HorizontalLayout();
        // the default submit button first and primary, then the others (e.g. a revise form's own "withdraw")
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        if (buttonLabels.containsKey("submit")) {
            ordered.put("submit", buttonLabels.get("submit"));
        }
        ordered.putAll(buttonLabels);
        ordered.forEach((key, label) -> {
            Button button = new Button(label, e -> submit(key));
            button.setId("form-" + key);
            buttons.add(button);
            bar.add(button);
        });
        buttons.get(0).getElement().getThemeList().add("primary");
        getContent().add(layout, errors, bar);
    }

    /** Listens for valid submissions. */
    public Registration addSubmitListener(ComponentEventListener<SubmitEvent> listener) {
        return addListener(SubmitEvent.class, listener);
    }

    /** Validates every field, marks the invalid ones with their message and tells whether all are valid. */
    public boolean validate() {
        return binder.validate().isOk();
    }

    /**
     * The current values of the editable fields, valid or not, in form order (read-only fields left out). May hold
     * {@code null} for empty fields.
     */
    public Map<String, Object> values() {
        Map<String, Object> bean = new HashMap<>(initialBean);
        binder.writeBeanAsDraft(bean, true);
        return editableValues(bean);
    }

    /**
     * Shows messages from the server (e.g. a {@code DomainValidationException}) on the matching fields. Messages
     * for keys that are no editable field of this form are shown in the general error line.
     *
     * @return the violations that matched no field
     */
    public List<FieldViolation> showErrors(List<FieldViolation> violations) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<FieldViolation> general = new ArrayList<>();
        for (FieldViolation v : violations) {
            if (editable.containsKey(v.field()) && components.get(v.field()) instanceof HasValidation) {
                byField.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.message());
            } else {
                general.add(v);
            }
        }
        byField.forEach((key, messages) -> {
            HasValidation field = (HasValidation) components.get(key);
            field.setErrorMessage(String.join("；", messages));
            field.setInvalid(true);
        });
        errors.setText(general.stream().map(FieldViolation::message).collect(Collectors.joining("；")));
        errors.setVisible(!general.isEmpty());
        return general;
    }

    /** The component rendered for a key (inputs, display text), if any. */
    public Optional<Component> field(String key) {
        return Optional.ofNullable(components.get(key));
    }

    /** Makes every editable field read-only (and hides the buttons), or editable again. */
    public void setReadOnly(boolean readOnly) {
        editable.values().forEach(binding -> binding.setReadOnly(readOnly));
        buttons.forEach(button -> button.setVisible(!readOnly));
    }

    private void submit(String action) {
        errors.setVisible(false);
        Map<String, Object> bean = new HashMap<>(initialBean);
        if (binder.writeBeanIfValid(bean)) {
            fireEvent(new SubmitEvent(this, action, editableValues(bean)));
        }
    }

    private Map<String, Object> editableValues(Map<String, Object> bean) {
        Map<String, Object> values = new LinkedHashMap<>();
        editable.keySet().forEach(key -> values.put(key, bean.get(key)));
        return Collections.unmodifiableMap(values);
    }
}
