package cn.healthcard.workflow.form;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One component of a form definition, as read from a form-js file.
 *
 * <p>Built-in types are the form-js ones listed in {@link #BUILT_IN_TYPES}; any other type must be a custom widget
 * registered in a {@link FieldComponentRegistry}. For {@value #TEXT} (display-only markdown) {@code label} holds the
 * text; for {@value #BUTTON} it holds the button caption. The English variants come from the component's custom
 * properties {@code label_en} and {@code patternMessage_en}, because form-js has no i18n.
 *
 * @param key             the value's key in the submitted map and the element id suffix ({@code field-<key>})
 * @param type            form-js component type, or a custom widget type such as {@code photo}
 * @param label           Chinese label
 * @param labelEn         English label, or {@code null}
 * @param description     helper text shown under the field, or {@code null}
 * @param required        {@code validate.required}
 * @param minLength       {@code validate.minLength}, or {@code null}
 * @param maxLength       {@code validate.maxLength}, or {@code null}
 * @param pattern         {@code validate.pattern}, a Java regular expression matching the whole value, or {@code null}
 * @param patternMessage  Chinese message for a pattern mismatch (property {@code patternMessage}), or {@code null}
 * @param patternMessageEn English message when the pattern does not match, or {@code null}
 * @param valuesKey       the code table for select and radio options (see {@link OptionsProvider}), or {@code null}
 * @param values          static options of a select or radio; empty when {@code valuesKey} is used
 * @param readonly        shown but never edited nor submitted
 * @param defaultValue    {@code defaultValue} as text, used when the initial values lack the key, or {@code null}
 * @param requiredWhen    property {@code requiredWhen} ({@code key=VALUE} or {@code key!=VALUE}), or {@code null}
 * @param properties      all custom properties of the component, as written
 */
public record FormField(String key, String type, String label, String labelEn, String description,
                        boolean required, Integer minLength, Integer maxLength, String pattern,
                        String patternMessage, String patternMessageEn, String valuesKey,
                        List<OptionsProvider.Option> values, boolean readonly, String defaultValue,
                        Condition requiredWhen, Map<String, String> properties) {

    public static final String TEXTFIELD = "textfield";
    public static final String TEXTAREA = "textarea";
    public static final String NUMBER = "number";
    public static final String SELECT = "select";
    public static final String RADIO = "radio";
    public static final String CHECKBOX = "checkbox";
    public static final String DATETIME = "datetime";
    public static final String TEXT = "text";
    public static final String BUTTON = "button";

    /** The form-js component types the renderer understands without a registry entry. */
    public static final Set<String> BUILT_IN_TYPES =
            Set.of(TEXTFIELD, TEXTAREA, NUMBER, SELECT, RADIO, CHECKBOX, DATETIME, TEXT, BUTTON);

    public FormField {
        values = List.copyOf(values);
        properties = Map.copyOf(properties);
    }

    /** Whether this component holds a value (everything but {@value #TEXT} and {@value #BUTTON}). */
    public boolean isInput() {
        return !TEXT.equals(type) && !BUTTON.equals(type);
    }

    /** The label for {@code locale}: English when the language is English and an English label exists, else Chinese. */
    public String label(Locale locale) {
        return isEnglish(locale) && labelEn != null ? labelEn : label;
    }

    /** The custom pattern message for {@code locale}, or {@code null} to use the generic one. */
    public String patternMessage(Locale locale) {
        return isEnglish(locale) ? patternMessageEn : patternMessage;
    }

    static boolean isEnglish(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /**
     * A condition on another field's value, written {@code key=VALUE} or {@code key!=VALUE}. An empty value
     * compares as the empty string.
     *
     * @param key   the other field
     * @param value the value compared with
     * @param equal {@code true} for {@code =}, {@code false} for {@code !=}
     */
    public record Condition(String key, String value, boolean equal) {

        /** Parses {@code key=VALUE} or {@code key!=VALUE}. */
        public static Condition parse(String expression) {
            int at = expression.indexOf('=');
            if (at <= 0) {
                throw new IllegalArgumentException("condition must be key=VALUE or key!=VALUE: " + expression);
            }
            boolean equal = expression.charAt(at - 1) != '!';
            String key = expression.substring(0, equal ? at : at - 1).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("condition must be key=VALUE or key!=VALUE: " + expression);
            }
            return new Condition(key, expression.substring(at + 1).trim(), equal);
        }

        /** Whether the condition holds when the other field has {@code actual}. */
        public boolean test(Object actual) {
            String text = actual == null ? "" : actual.toString();
            return equal == text.equals(value);
        }
    }
}
