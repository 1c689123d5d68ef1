package cn.healthcard.workflow.form;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.PasswordField;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Special widgets for custom component types: a form file uses a type such as {@code "photo"} and the registry
 * says which Vaadin field renders it. The application registers its own widgets (resident look-up, change table)
 * next to the built-in {@link PhotoField}. The renderer binds the widget's value under the component's key.
 */
public final class FieldComponentRegistry {

    /** Creates the field for one component of a form, labelled and validated afterwards by the renderer. */
    @FunctionalInterface
    public interface FieldFactory {
        AbstractField<?, ?> create(FormField field, Locale locale);
    }

    /** The custom type of a password field. */
    public static final String PASSWORD = "password";

    private final Map<String, FieldFactory> factories = new LinkedHashMap<>();

    /**
     * A registry with the built-in widgets: {@value PhotoField#TYPE} → {@link PhotoField},
     * {@value ChangeTableField#TYPE} → {@link ChangeTableField} (items from the component's {@code properties.items}),
     * {@value #PASSWORD} → a {@link PasswordField} (a {@link String}; a secret typed by its holder, e.g. a key
     * custodian's, which the form never shows and the application never keeps).
     */
    public static FieldComponentRegistry standard() {
        return new FieldComponentRegistry()
                .register(PhotoField.TYPE, (field, locale) -> new PhotoField(locale))
                .register(ChangeTableField.TYPE, ChangeTableField::of)
                .register(PASSWORD, (field, locale) -> {
                    PasswordField secret = new PasswordField();
                    secret.setRevealButtonVisible(false);
                    secret.setAutocomplete(Autocomplete.OFF);
                    return secret;
                });
    }

    /**
     * Maps {@code type} to {@code factory}, replacing an earlier mapping.
     *
     * @return this registry
     * @throws IllegalArgumentException if {@code type} is a built-in form-js type
     */
    public FieldComponentRegistry register(String type, FieldFactory factory) {
        if (FormField.BUILT_IN_TYPES.contains(type)) {
            throw new IllegalArgumentException("'" + type + "' is a built-in form-js type");
        }
        factories.put(type, factory);
        return this;
    }

    /** The factory for a custom type, if registered. */
    public Optional<FieldFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    /** The registered custom types; pass them to {@link FormDefinition#load(String, Set)}. */
    public Set<String> types() {
        return Set.copyOf(factories.keySet());
    }
}
