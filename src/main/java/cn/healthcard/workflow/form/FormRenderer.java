package cn.healthcard.workflow.form;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.Validator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@link FormDefinition} into a {@link RenderedForm}: one Vaadin field per input component, bound with a
 * buffered {@code Binder<Map<String, Object>>} under the component's key.
 *
 * <p>Components and value types: textfield → {@link TextField}, textarea → {@link TextArea}, select →
 * {@link Select}, radio → {@link RadioButtonGroup}, all {@link String} ({@code null} when empty); number →
 * {@link BigDecimalField}, {@link BigDecimal}; checkbox → {@link Checkbox}, {@link Boolean}; datetime (date) →
 * {@code DatePicker}, {@link LocalDate}; text → {@link Markdown} (display only); custom types → the registry's
 * widget and its value type ({@code photo} → {@code byte[]}, {@code password} → {@link String}, {@code changeTable} →
 * {@code List<}{@link Change}{@code >}, empty list when there are none). Initial values and {@code defaultValue}s are converted to these types (ISO dates,
 * decimal numbers, {@code true}/{@code false}; anything via {@code toString()} for text fields; a list of
 * {@link Change}s or of maps for a change table), initial values winning over defaults. A change table also takes its
 * current values (原内容) from the initial value {@code <key>.current}, a map of item key → value (see
 * {@link ChangeTableField}).
 *
 * <p>Rules and their messages (Chinese, English when the locale's language is English): required
 * ("请填写「姓名」", "请选择「性别」" for select/radio/date, "请勾选" for a checkbox, which must be ticked,
 * "请添加" for a change table, "请提供" for other custom widgets; an empty list counts as empty), minLength,
 * maxLength (counted in characters), pattern (whole value; the component's {@code patternMessage} if given, else
 * "「电话」格式不正确"), and {@code requiredWhen} (checked against the other field's current value). A custom
 * widget implementing {@code HasValidator} (as {@link ChangeTableField} does) has its default validator applied
 * first. Read-only components get no rules.
 */
public class FormRenderer {

    private final OptionsProvider options;
    private final FieldComponentRegistry registry;
    private final Locale locale;

    /**
     * @param options  code table options for selects and radios with a {@code valuesKey}
     * @param registry widgets for custom component types
     * @param locale   language of labels and messages: English if its language is English, otherwise Chinese
     */
    public FormRenderer(OptionsProvider options, FieldComponentRegistry registry, Locale locale) {
        this.options = options;
        this.registry = registry;
        this.locale = locale;
    }

    /**
     * Renders a form filled with {@code initialValues} (keys of the form, plus {@code <key>.current} for a change
     * table's current values; others are ignored).
     *
     * @throws IllegalArgumentException if a custom type has no widget in the registry
     */
    public RenderedForm render(FormDefinition def, Map<String, Object> initialValues) {
        Assembly form = new Assembly();
        FormLayout layout = new FormLayout();
        Map<String, Component> components = new LinkedHashMap<>();
        Map<String, String> buttons = new LinkedHashMap<>();
        for (FormField f : def.fields()) {
            if (FormField.BUTTON.equals(f.type())) {
                buttons.put(f.key(), f.label(locale));
                continue;
            }
            Component component = f.isInput() ? form.add(f) : new Markdown(f.label(locale));
            if (component instanceof ChangeTableField table
                    && initialValues.get(f.key() + ChangeTableField.CURRENT_SUFFIX) instanceof Map<?, ?> current) {
                Map<String, Object> values = new LinkedHashMap<>();
                current.forEach((item, value) -> values.put(String.valueOf(item), value));
                table.setCurrentValues(values);
            }
            component.setId("field-" + f.key());
            components.put(f.key(), component);
            layout.add(component);
            if (!f.isInput() || FormField.TEXTAREA.equals(f.type()) || !FormField.BUILT_IN_TYPES.contains(f.type())) {
                layout.setColspan(component, 2);
            }
        }
        if (buttons.isEmpty()) {
            buttons.put("submit", FormField.isEnglish(locale) ? "Submit" : "提交");
        }
        Map<String, Object> bean = initialBean(def, initialValues);
        form.binder.readBean(bean);
        form.wireConditions(def);
        return new RenderedForm(form.binder, bean, components, form.editable, layout, buttons);
    }

    /** The binder and bindings of one form being rendered. */
    private final class Assembly {

        private final Binder<Map<String, Object>> binder = new Binder<>();
        private final Map<String, Binder.Binding<Map<String, Object>, ?>> bindings = new HashMap<>();
        private final Map<String, Binder.Binding<Map<String, Object>, ?>> editable = new LinkedHashMap<>();

        Component add(FormField f) {
            Binder.Binding<Map<String, Object>, ?> binding = switch (f.type()) {
                case FormField.TEXTFIELD -> bindText(f, new TextField());
                case FormField.TEXTAREA -> bindText(f, new TextArea());
                case FormField.NUMBER -> bind(f, start(f, new BigDecimalField()));
                case FormField.CHECKBOX -> bind(f, start(f, new Checkbox()));
                case FormField.DATETIME -> {
                    yield bind(f, start(f, ChineseTexts.datePicker(locale)));
                }
                case FormField.SELECT -> {
                    Select<String> select = new Select<>();
                    Map<String, String> labels = optionLabels(f);
                    select.setItems(labels.keySet());
                    select.setItemLabelGenerator(value -> value == null ? "" : labels.getOrDefault(value, value));
                    select.setEmptySelectionAllowed(!f.required());
                    yield bind(f, start(f, select));
                }
                case FormField.RADIO -> {
                    RadioButtonGroup<String> radio = new RadioButtonGroup<>();
                    Map<String, String> labels = optionLabels(f);
                    radio.setItems(labels.keySet());
                    radio.setItemLabelGenerator(value -> labels.getOrDefault(value, value));
                    yield bind(f, start(f, radio));
                }
                default -> bind(f, start(f, widget(f)));
            };
            Component component = (Component) binding.getField();
            if (component instanceof HasLabel labelled) {
                labelled.setLabel(f.label(locale));
            }
            if (f.description() != null && component instanceof HasHelper helped) {
                helped.setHelperText(f.description());
            }
            binding.setReadOnly(f.readonly());
            bindings.put(f.key(), binding);
            if (!f.readonly()) {
                editable.put(f.key(), binding);
            }
            return component;
        }

        private Binder.Binding<Map<String, Object>, String> bindText(FormField f, HasValue<?, String> field) {
            Binder.BindingBuilder<Map<String, Object>, String> builder = start(f, field);
            if (!f.readonly() && f.minLength() != null) {
                int min = f.minLength();
                builder = builder.withValidator(v -> v.isEmpty() || length(v) >= min,
                        say(f, "「%s」至少" + min + "个字符", "\"%s\" must be at least " + min + " characters"));
            }
            if (!f.readonly() && f.maxLength() != null) {
                int max = f.maxLength();
                builder = builder.withValidator(v -> length(v) <= max,
                        say(f, "「%s」最多" + max + "个字符", "\"%s\" must be at most " + max + " characters"));
            }
            if (!f.readonly() && f.pattern() != null) {
                Pattern pattern = Pattern.compile(f.pattern());
                builder = builder.withValidator(v -> v.isEmpty() || pattern.matcher(v).matches(),
                        Objects.requireNonNullElse(f.patternMessage(locale),
                                say(f, "「%s」格式不正确", "\"%s\" has an invalid format")));
            }
            return bind(f, builder.withNullRepresentation(""));
        }

        private <V> Binder.BindingBuilder<Map<String, Object>, V> start(FormField f, HasValue<?, V> field) {
            Binder.BindingBuilder<Map<String, Object>, V> builder = binder.forField(field);
            return f.required() && !f.readonly()
                    ? builder.asRequired(Validator.from(v -> !isEmpty(field, v), requiredMessage(f)))
                    : builder;
        }

        @SuppressWarnings("unchecked")
        private <V> Binder.Binding<Map<String, Object>, V> bind(FormField f,
                                                                Binder.BindingBuilder<Map<String, Object>, V> builder) {
            HasValue<?, ?> field = builder.getField();
            FormField.Condition condition = f.requiredWhen();
            if (condition != null && !f.readonly()) {
                builder = builder.withValidator(v -> !isEmpty(field, v)
                        || !condition.test(bindings.get(condition.key()).getField().getValue()), requiredMessage(f));
            }
            Object empty = field.getEmptyValue();
            return builder.bind(m -> (V) m.getOrDefault(f.key(), empty), (m, v) -> m.put(f.key(), v));
        }

        /** Shows the required indicator of conditionally required fields and re-checks them when it changes. */
        void wireConditions(FormDefinition def) {
            for (FormField f : def.fields()) {
                Binder.Binding<Map<String, Object>, ?> dependent = editable.get(f.key());
                if (f.requiredWhen() == null || dependent == null) {
                    continue;
                }
                FormField.Condition condition = f.requiredWhen();
                HasValue<?, ?> controller = bindings.get(condition.key()).getField();
                dependent.getField().setRequiredIndicatorVisible(condition.test(controller.getValue()));
                controller.addValueChangeListener(e -> {
                    dependent.getField().setRequiredIndicatorVisible(condition.test(e.getValue()));
                    if (dependent.getField() instanceof HasValidation v && v.isInvalid()) {
                        dependent.validate();
                    }
                });
            }
        }
    }

    private AbstractField<?, ?> widget(FormField f) {
        return registry.factory(f.type())
                .orElseThrow(() -> new IllegalArgumentException("No widget registered for component type '"
                        + f.type() + "' (key '" + f.key() + "')"))
                .create(f, locale);
    }

    private Map<String, String> optionLabels(FormField f) {
        List<OptionsProvider.Option> list = f.valuesKey() != null ? options.options(f.valuesKey()) : f.values();
        return list.stream().collect(Collectors.toMap(OptionsProvider.Option::value, OptionsProvider.Option::label,
                (a, b) -> a, LinkedHashMap::new));
    }

    private String requiredMessage(FormField f) {
        return switch (f.type()) {
            case FormField.SELECT, FormField.RADIO, FormField.DATETIME -> say(f, "请选择「%s」", "Please select \"%s\"");
            case FormField.CHECKBOX -> say(f, "请勾选「%s」", "Please tick \"%s\"");
            case ChangeTableField.TYPE -> say(f, "请添加「%s」", "Please add \"%s\"");
            case FormField.TEXTFIELD, FormField.TEXTAREA, FormField.NUMBER, FieldComponentRegistry.PASSWORD ->
                    say(f, "请填写「%s」", "Please fill in \"%s\"");
            default -> say(f, "请提供「%s」", "Please provide \"%s\"");
        };
    }

    /** The Chinese or English message with the field's label in place of {@code %s}. */
    private String say(FormField f, String zh, String en) {
        return (FormField.isEnglish(locale) ? en : zh).formatted(f.label(locale));
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static boolean isEmpty(HasValue<?, ?> field, Object value) {
        return value == null || value.equals(field.getEmptyValue())
                || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> collection && collection.isEmpty();
    }

    private static Map<String, Object> initialBean(FormDefinition def, Map<String, Object> initialValues) {
        Map<String, Object> bean = new HashMap<>();
        for (FormField f : def.fields()) {
            Object value = initialValues.containsKey(f.key()) ? initialValues.get(f.key()) : f.defaultValue();
            if (f.isInput() && value != null) {
                bean.put(f.key(), coerce(f, value));
            }
        }
        return bean;
    }

    private static Object coerce(FormField f, Object value) {
        return switch (f.type()) {
            case FormField.TEXTFIELD, FormField.TEXTAREA, FormField.SELECT, FormField.RADIO -> value.toString();
            case FormField.CHECKBOX -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
            case FormField.NUMBER -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case FormField.DATETIME -> value instanceof LocalDate d ? d : LocalDate.parse(value.toString());
            case ChangeTableField.TYPE -> ChangeTableField.toChanges(value);
            default -> value;
        };
    }
}
