package cn.healthcard.workflow.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A task form read from a Camunda Forms file (form-js schema 1.x, {@code *.form}), the format Camunda Modeler edits.
 *
 * <p>Besides the form-js attributes, two custom properties (Modeler's "Custom properties" group) are understood:
 * on a component, those documented on {@link FormField}; on the form itself, {@code "properties": {"extends":
 * "other-form"}}, which appends the components of {@code forms/other-form.form} after this form's own components.
 *
 * <p>Parsing fails with an {@link IllegalArgumentException} naming the form for an unknown component type, an input
 * without a key, a duplicate key, a datetime that is not {@code subtype: "date"}, a button whose action is not
 * {@code submit}, an invalid pattern or a {@code requiredWhen} naming no field of the form.
 *
 * @param id     the form's {@code id}
 * @param fields all components in display order, including display-only text and buttons
 */
public record FormDefinition(String id, List<FormField> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOLDER = "forms/";
    private static final String SUFFIX = ".form";

    public FormDefinition {
        fields = List.copyOf(fields);
    }

    /** Reads a form whose custom component types are those of {@link FieldComponentRegistry#standard()}. */
    public static FormDefinition parse(InputStream in) {
        return parse(in, FieldComponentRegistry.standard().types());
    }

    /** Reads a form that may use the given custom component types besides the built-in ones. */
    public static FormDefinition parse(InputStream in, Set<String> customTypes) {
        return read(in, customTypes, new HashSet<>());
    }

    /** Loads {@code forms/<formKey>.form} from the classpath, with the custom types of the standard registry. */
    public static FormDefinition load(String formKey) {
        return load(formKey, FieldComponentRegistry.standard().types());
    }

    /** Loads {@code forms/<formKey>.form} from the classpath; it may use the given custom component types. */
    public static FormDefinition load(String formKey, Set<String> customTypes) {
        return load(formKey, customTypes, new HashSet<>());
    }

    private static FormDefinition load(String formKey, Set<String> customTypes, Set<String> loading) {
        String resource = FOLDER + formKey + SUFFIX;
        try (InputStream in = FormDefinition.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No form definition " + resource + " on the classpath");
            }
            return read(in, customTypes, loading);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static FormDefinition read(InputStream in, Set<String> customTypes, Set<String> loading) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Form definition is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = root.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("Form definition has no id");
        }
        List<FormField> fields = new ArrayList<>();
        JsonNode components = root.path("components");
        for (int i = 0; i < components.size(); i++) {
            fields.add(field(id, components.get(i), i, customTypes));
        }
        String base = root.path("properties").path("extends").asText(null);
        if (base != null) {
            if (!loading.add(base)) {
                throw new IllegalArgumentException("Form '" + id + "': circular extends of '" + base + "'");
            }
            fields.addAll(load(base, customTypes, loading).fields());
        }
        checkKeys(id, fields);
        return new FormDefinition(id, fields);
    }

    private static FormField field(String formId, JsonNode node, int index, Set<String> customTypes) {
        String type = node.path("type").asText(null);
        String key = node.path("key").asText(null);
        String where = "Form '" + formId + "', component " + (key != null ? "'" + key + "'" : "#" + (index + 1));
        if (type == null) {
            throw new IllegalArgumentException(where + ": no type");
        }
        if (!FormField.BUILT_IN_TYPES.contains(type) && !customTypes.contains(type)) {
            throw new IllegalArgumentException(where + ": unknown component type '" + type + "'");
        }
        String label = node.path("label").asText(null);
        switch (type) {
            case FormField.TEXT -> {
                key = key != null ? key : node.path("id").asText("text" + (index + 1));
                label = node.path("text").asText("");
            }
            case FormField.BUTTON -> {
                String action = node.path("action").asText("submit");
                if (!"submit".equals(action)) {
                    throw new IllegalArgumentException(where + ": unsupported button action '" + action + "'");
                }
                key = key != null ? key : action;
            }
            case FormField.DATETIME -> {
                String subtype = node.path("subtype").asText("date");
                if (!"date".equals(subtype)) {
                    throw new IllegalArgumentException(where + ": datetime subtype '" + subtype
                            + "' is not supported, only 'date'");
                }
                label = node.path("dateLabel").asText(label);
            }
            default -> {
                if (key == null) {
                    throw new IllegalArgumentException(where + ": a '" + type + "' needs a key");
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asText()));
        JsonNode validate = node.path("validate");
        String pattern = validate.path("pattern").asText(null);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": invalid pattern " + pattern, e);
            }
        }
        List<OptionsProvider.Option> values = new ArrayList<>();
        node.path("values").forEach(v -> values.add(
                new OptionsProvider.Option(v.path("value").asText(), v.path("label").asText())));
        FormField.Condition requiredWhen = null;
        if (properties.containsKey("requiredWhen")) {
            try {
                requiredWhen = FormField.Condition.parse(properties.get("requiredWhen"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new FormField(key, type, label, properties.get("label_en"), node.path("description").asText(null),
                validate.path("required").asBoolean(false), integer(validate.get("minLength")),
                integer(validate.get("maxLength")), pattern, properties.get("patternMessage"),
                properties.get("patternMessage_en"), node.path("valuesKey").asText(null), values,
                node.path("readonly").asBoolean(false), node.path("defaultValue").asText(null), requiredWhen,
                properties);
    }

    private static Integer integer(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static void checkKeys(String formId, List<FormField> fields) {
        Set<String> keys = new HashSet<>();
        for (FormField f : fields) {
            if (!keys.add(f.key())) {
                throw new IllegalArgumentException("Form '" + formId + "': duplicate key '" + f.key() + "'");
            }
        }
        Set<String> inputs = fields.stream().filter(FormField::isInput).map(FormField::key).collect(Collectors.toSet());
        for (FormField f : fields) {
            if (f.requiredWhen() != null && !inputs.contains(f.requiredWhen().key())) {
                throw new IllegalArgumentException("Form '" + formId + "', component '" + f.key()
                        + "': requiredWhen names no field of the form: '" + f.requiredWhen().key() + "'");
            }
        }
    }
}
