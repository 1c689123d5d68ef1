package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a task form submitted, typed: what {@code TaskFormHandler}s read instead of casting map entries. The
 * form renderer delivers text fields, selects and radios as {@link String}, dates as {@link LocalDate}, checkboxes as
 * {@link Boolean}, numbers as {@link BigDecimal}, photos as {@code byte[]}. A value of another type than asked for is a
 * 400 on that field, not a {@link ClassCastException}.
 *
 * @param action the key of the button used: {@code submit}, or e.g. {@code withdraw} on the revise forms
 */
public record FormValues(String action, Map<String, Object> values) {

    public static final String SUBMIT = "submit";

    public FormValues {
        action = action == null ? SUBMIT : action;
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Values submitted with the default button. */
    public static FormValues of(Map<String, Object> values) {
        return new FormValues(SUBMIT, values);
    }

    /** Whether the button used was this one. */
    public boolean action(String key) {
        return action.equals(key);
    }

    /** A text value, {@code null} when empty. */
    public String string(String key) {
        Object value = values.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A text value that must be there: 400 "请填写此项" on the field otherwise. */
    public String required(String key) {
        String value = string(key);
        if (value == null) {
            throw new DomainValidationException(key, "请填写此项");
        }
        return value;
    }

    /** A select/radio value as an enum constant; {@code null} when empty, 400 when it names no constant. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException(key, "请从列表中选择");
        }
    }

    /** A date value; {@code null} when empty. Accepts the ISO text a stored form carries, too. */
    public LocalDate date(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        try {
            return value.toString().isBlank() ? null : LocalDate.parse(value.toString().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new DomainValidationException(key, "日期格式应为 yyyy-MM-dd");
        }
    }

    /** A checkbox: {@code true} only when ticked. */
    public boolean flag(String key) {
        Object value = values.get(key);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** A file's bytes (e.g. a photo); {@code null} when none. */
    public byte[] bytes(String key) {
        Object value = values.get(key);
        if (value != null && !(value instanceof byte[])) {
            throw new DomainValidationException(key, "文件格式不正确");
        }
        return (byte[]) value;
    }

    /** Whether the form has this field at all. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** All values as submitted (read-only), for handlers that pass a form's own fields on as a map. */
    public Map<String, Object> asMap() {
        return values;
    }
}
