package cn.healthcard.workflow.form;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.HasValidator;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Change table (custom form type {@value #TYPE}) for 附表4 补领申请单: rows of 条目名称 (a select of items),
 * 原内容 (read-only, the item's current value), 变更后内容 and 变更原因, with a 添加变更条目 button and a delete
 * button per row.
 *
 * <p><b>Items</b> come from the component's custom property {@code items}, written
 * {@code key:label,key:label} (e.g. {@code name:姓名,address:住址}); an optional {@code items_en} in the same form
 * gives English labels. {@link Change#item()} holds the key.
 *
 * <p><b>Current values (原内容)</b>: {@link #setCurrentValues(Map)} (item key → current value), or, through
 * {@link FormRenderer}, an initial value under the key {@code <fieldKey>.current} ({@value #CURRENT_SUFFIX}) holding
 * such a map, e.g. {@code "changes.current" → {"address": "北京市东城区…"}}. Choosing an item in a row fills its
 * 原内容 from the map; rows shown from a given value keep their own {@link Change#oldValue()} unless the map has the
 * item.
 *
 * <p><b>Value</b>: the complete rows (item chosen and 变更后内容 not blank) as an unmodifiable
 * {@code List<Change>}, in row order; empty ({@link #getEmptyValue()}, an empty list) when there are none, which is
 * what {@code required} and {@code requiredWhen} test. A blank 变更原因 is {@code null}. Incomplete rows are left
 * out of the value and make the field invalid through its default validator ({@link #getDefaultValidator()}, which
 * a {@code Binder} applies first): "第2行：请填写「变更后内容」", "第1行：请选择「条目名称」", and
 * "第3行：「住址」重复" for an item listed twice; English when the locale's language is English.
 *
 * <p><b>Element ids</b> (for browser tests), with {@code key} the form component's key and {@code n} the row number
 * from 1: {@code field-<key>-add}, {@code field-<key>-row-<n>-item}, {@code -old}, {@code -new}, {@code -reason},
 * {@code -remove}. Rows are renumbered when one is removed.
 */
public class ChangeTableField extends CustomField<List<Change>> implements HasValidator<List<Change>> {

    /** The component type used in form files. */
    public static final String TYPE = "changeTable";
    /** Suffix of the initial-value key that carries the current values: {@code <fieldKey>.current}. */
    public static final String CURRENT_SUFFIX = ".current";

    private final String idPrefix;
    private final Map<String, String> items;
    private final boolean english;
    private final VerticalLayout rowLayout = new VerticalLayout();
    private final Button add;
    private final List<Row> rows = new ArrayList<>();
    private Map<String, String> currentValues = Map.of();
    private boolean populating;

    /**
     * @param key    the form component's key, used in element ids
     * @param items  item key → label, in the order offered
     * @param locale Chinese texts unless the language is English
     */
    public ChangeTableField(String key, Map<String, String> items, Locale locale) {
        super(List.of());
        this.idPrefix = "field-" + key;
        this.items = new LinkedHashMap<>(items);
        this.english = FormField.isEnglish(locale);
        rowLayout.setPadding(false);
        rowLayout.setSpacing(false);
        add = new Button(say("添加变更条目", "Add change"), e -> addRow());
        add.setId(idPrefix + "-add");
        add.addThemeVariants(ButtonVariant.LUMO_SMALL);
        VerticalLayout content = new VerticalLayout(rowLayout, add);
        content.setPadding(false);
        add(content);
    }

    /**
     * The widget for a form component: items from {@code properties.items} (English labels from
     * {@code properties.items_en} when the locale is English).
     *
     * @throws IllegalArgumentException if the component has no {@code items} property
     */
    public static ChangeTableField of(FormField field, Locale locale) {
        String spec = field.properties().get("items");
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Component '" + field.key() + "' of type " + TYPE
                    + " needs properties.items, e.g. \"name:姓名,address:住址\"");
        }
        Map<String, String> items = parseItems(spec);
        String english = field.properties().get("items_en");
        if (FormField.isEnglish(locale) && english != null) {
            Map<String, String> labels = parseItems(english);
            items.replaceAll((item, label) -> labels.getOrDefault(item, label));
        }
        return new ChangeTableField(field.key(), items, locale);
    }

    /** Parses {@code key:label,key:label} into an ordered map; an entry without a label uses its key. */
    public static Map<String, String> parseItems(String spec) {
        Map<String, String> items = new LinkedHashMap<>();
        for (String entry : spec.split("[,，]")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String item = (colon < 0 ? entry : entry.substring(0, colon)).trim();
            String label = colon < 0 ? item : entry.substring(colon + 1).trim();
            items.put(item, label);
        }
        return items;
    }

    /**
     * Converts an initial value to the value type: a collection of {@link Change}s or of maps with the keys
     * {@code item}, {@code oldValue}, {@code newValue}, {@code reason} (as a process variable stored as JSON reads
     * back); {@code null} gives an empty list.
     */
    public static List<Change> toChanges(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Collection<?> list)) {
            throw new IllegalArgumentException("A change table value must be a list, not " + value.getClass());
        }
        List<Change> changes = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof Change change) {
                changes.add(change);
            } else if (element instanceof Map<?, ?> map) {
                changes.add(new Change(text(map.get("item")), text(map.get("oldValue")), text(map.get("newValue")),
                        text(map.get("reason"))));
            } else {
                throw new IllegalArgumentException("Not a change table row: " + element);
            }
        }
        return Collections.unmodifiableList(changes);
    }

    /** Sets the current values (item key → value) that fill 原内容; {@code null} values are left out. */
    public void setCurrentValues(Map<String, ?> current) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (current != null) {
            current.forEach((item, value) -> {
                if (value != null) {
                    copy.put(item, value.toString());
                }
            });
        }
        currentValues = Collections.unmodifiableMap(copy);
        rows.forEach(Row::showOldValue);
        if (!populating) {
            updateValue();
        }
    }

    /** The current values given by {@link #setCurrentValues(Map)}. */
    public Map<String, String> getCurrentValues() {
        return currentValues;
    }

    /** The offered items, key → label in the locale's language. */
    public Map<String, String> getItems() {
        return Collections.unmodifiableMap(items);
    }

    /** Adds an empty row, as the 添加变更条目 button does. */
    public void addRow() {
        rows.add(new Row(null));
        renumber();
        rowsChanged();
    }

    /** Removes row {@code n} (from 1), as its delete button does. */
    public void removeRow(int n) {
        remove(rows.get(n - 1));
    }

    /** Number of rows shown, complete or not. */
    public int getRowCount() {
        return rows.size();
    }

    /** The problem of each incomplete or duplicate row, in row order; empty when every row is complete. */
    public List<String> rowErrors() {
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String prefix = english ? "Row " + (i + 1) + ": " : "第" + (i + 1) + "行：";
            String item = row.item.getValue();
            if (item == null) {
                errors.add(prefix + say("请选择「条目名称」", "please select \"Item\""));
            } else if (!seen.add(item)) {
                errors.add(prefix + (english ? "\"" + label(item) + "\" is listed twice"
                        : "「" + label(item) + "」重复"));
            }
            if (row.newValue.getValue().isBlank()) {
                errors.add(prefix + say("请填写「变更后内容」", "please fill in \"New value\""));
            }
        }
        return errors;
    }

    /** Fails with the row messages of {@link #rowErrors()} (joined by "；") and marks the offending inputs. */
    @Override
    public Validator<List<Change>> getDefaultValidator() {
        return (value, context) -> {
            Set<String> seen = new HashSet<>();
            for (Row row : rows) {
                String item = row.item.getValue();
                row.item.setInvalid(item == null || !seen.add(item));
                row.newValue.setInvalid(row.newValue.getValue().isBlank());
            }
            List<String> errors = rowErrors();
            return errors.isEmpty() ? ValidationResult.ok()
                    : ValidationResult.error(String.join(english ? "; " : "；", errors));
        };
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        add.setVisible(!readOnly);
        rows.forEach(Row::applyReadOnly);
    }

    @Override
    protected List<Change> generateModelValue() {
        List<Change> changes = new ArrayList<>();
        for (Row row : rows) {
            String item = row.item.getValue();
            String newValue = row.newValue.getValue();
            if (item != null && !newValue.isBlank()) {
                changes.add(new Change(item, row.oldValue(), newValue, blankToNull(row.reason.getValue())));
            }
        }
        return Collections.unmodifiableList(changes);
    }

    @Override
    protected void setPresentationValue(List<Change> value) {
        populating = true;
        try {
            rows.forEach(row -> rowLayout.remove(row.layout));
            rows.clear();
            if (value != null) {
                value.forEach(change -> rows.add(new Row(change)));
            }
            renumber();
        } finally {
            populating = false;
        }
    }

    private void remove(Row row) {
        rows.remove(row);
        rowLayout.remove(row.layout);
        renumber();
        rowsChanged();
    }

    /**
     * Recomputes the value after an edit. When the value stays the same (an incomplete row was edited) but the field
     * shows an error, listeners (the binder) still hear of it so that the message is refreshed.
     */
    private void rowsChanged() {
        if (populating) {
            return;
        }
        List<Change> before = getValue();
        updateValue();
        if (isInvalid() && valueEquals(before, getValue())) {
            fireEvent(new ComponentValueChangeEvent<>(this, this, before, true));
        }
    }

    private void renumber() {
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).setIds(idPrefix + "-row-" + (i + 1));
        }
    }

    private String label(String item) {
        return items.getOrDefault(item, item);
    }

    private String say(String zh, String en) {
        return english ? en : zh;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** One row of inputs. */
    private final class Row {

        private final Select<String> item = new Select<>();
        private final TextField old = new TextField();
        private final TextField newValue = new TextField();
        private final TextField reason = new TextField();
        private final Button remove = new Button();
        private final HorizontalLayout layout;
        /** The item and old value of the {@link Change} this row was shown from, if any. */
        private final String givenItem;
        private final String givenOldValue;

        Row(Change change) {
            givenItem = change == null ? null : change.item();
            givenOldValue = change == null ? null : change.oldValue();
            if (givenItem != null && !items.containsKey(givenItem)) {
                items.put(givenItem, givenItem);
            }
            item.setLabel(say("条目名称", "Item"));
            item.setPlaceholder(say("请选择", "Select"));
            item.setItems(items.keySet());
            item.setItemLabelGenerator(key -> key == null ? "" : label(key));
            item.setWidth("10em");
            old.setLabel(say("原内容", "Current value"));
            old.setReadOnly(true);
            old.setWidth("14em");
            newValue.setLabel(say("变更后内容", "New value"));
            newValue.setWidth("14em");
            reason.setLabel(say("变更原因", "Reason for change"));
            reason.setWidth("14em");
            remove.setText(say("删除", "Remove"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            if (change != null) {
                item.setValue(givenItem);
                newValue.setValue(Objects.requireNonNullElse(change.newValue(), ""));
                reason.setValue(Objects.requireNonNullElse(change.reason(), ""));
            }
            showOldValue();
            layout = new HorizontalLayout(item, old, newValue, reason, remove);
            layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            layout.setWrap(true);
            rowLayout.add(layout);
            applyReadOnly();

            item.addValueChangeListener(e -> {
                item.setInvalid(false);
                showOldValue();
                rowsChanged();
            });
            newValue.addValueChangeListener(e -> {
                if (!e.getValue().isBlank()) {
                    newValue.setInvalid(false);
                }
                rowsChanged();
            });
            reason.addValueChangeListener(e -> rowsChanged());
            remove.addClickListener(e -> ChangeTableField.this.remove(this));
        }

        /** The current value of the chosen item, or the given old value of a row shown from a value. */
        String oldValue() {
            String chosen = item.getValue();
            if (chosen == null) {
                return null;
            }
            if (currentValues.containsKey(chosen)) {
                return blankToNull(currentValues.get(chosen));
            }
            return chosen.equals(givenItem) ? blankToNull(givenOldValue) : null;
        }

        void showOldValue() {
            old.setValue(Objects.requireNonNullElse(oldValue(), ""));
        }

        void applyReadOnly() {
            boolean readOnly = ChangeTableField.this.isReadOnly();
            item.setReadOnly(readOnly);
            newValue.setReadOnly(readOnly);
            reason.setReadOnly(readOnly);
            remove.setVisible(!readOnly);
        }

        void setIds(String prefix) {
            item.setId(prefix + "-item");
            old.setId(prefix + "-old");
            newValue.setId(prefix + "-new");
            reason.setId(prefix + "-reason");
            remove.setId(prefix + "-remove");
        }
    }
}
