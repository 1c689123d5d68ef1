package cn.healthcard.workflow.form;

import com.vaadin.flow.component.AbstractField;

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

    private final Map<String, FieldFactory> factories = new LinkedHashMap<>();

    /**
     * A registry with the built-in widgets: {@value PhotoField#TYPE} → {@link PhotoField},
     * {@value ChangeTableField#TYPE} → {@link ChangeTableField} (items from the component's {@code properties.items}).
     */
    public static FieldComponentRegistry standard() {
        return new FieldComponentRegistry()
                .register(PhotoField.TYPE, (field, locale) -> new PhotoField(locale))
                .register(ChangeTableField.TYPE, ChangeTableField::of);
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
