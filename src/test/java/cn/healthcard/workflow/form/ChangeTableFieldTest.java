package cn.healthcard.workflow.form;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeTableFieldTest {

    private static final String ITEMS =
            "name:姓名,phone:联系电话,address:住址,ethnicity:民族,sex:性别,birthDate:出生日期,documentNumber:证件号码";

    /** Held here because {@code UI.setCurrent} keeps only a weak reference. */
    private final UI ui = new UI();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    @DisplayName("LC-04 rows added with the button give a typed list of changes; the item is stored by key")
    void addRowsAndValue() {
        ChangeTableField field = field(Locale.CHINA);
        assertThat(field.getValue()).isEmpty();
        assertThat(field.isEmpty()).isTrue();

        click(field, "field-changes-add");
        click(field, "field-changes-add");
        fill(field, 1, "address", "上海市浦东新区世纪大道1号", "搬家");
        fill(field, 2, "phone", "13900139000", "");

        assertThat(field.getRowCount()).isEqualTo(2);
        assertThat(field.getValue()).containsExactly(
                new Change("address", null, "上海市浦东新区世纪大道1号", "搬家"),
                new Change("phone", null, "13900139000", null));
        Select<String> item = find(field, "field-changes-row-1-item");
        assertThat(item.getItemLabelGenerator().apply("address")).isEqualTo("住址");
        assertThat(item.getLabel()).isEqualTo("条目名称");
        assertThat(this.<Button>find(field, "field-changes-add").getText()).isEqualTo("添加变更条目");
        assertThat(this.<Button>find(field, "field-changes-row-1-remove").getText()).isEqualTo("删除");
    }

    @Test
    @DisplayName("LC-04 an incomplete row is left out of the value and makes the field invalid, naming the row")
    void incompleteRow() {
        ChangeTableField field = field(Locale.CHINA);
        Binder<Map<String, Object>> binder = bind(field);
        click(field, "field-changes-add");
        click(field, "field-changes-add");
        fill(field, 1, "address", "新地址", "");
        this.<Select<String>>find(field, "field-changes-row-2-item").setValue("name");

        assertThat(field.getValue()).containsExactly(new Change("address", null, "新地址", null));
        assertThat(field.rowErrors()).containsExactly("第2行：请填写「变更后内容」");
        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).isEqualTo("第2行：请填写「变更后内容」");
        assertThat(this.<TextField>find(field, "field-changes-row-2-new").isInvalid()).isTrue();

        this.<TextField>find(field, "field-changes-row-2-new").setValue("李四");

        assertThat(field.isInvalid()).as("revalidated on edit").isFalse();
        assertThat(binder.validate().isOk()).isTrue();
    }

    @Test
    @DisplayName("LC-04 the row message is refreshed by edits that leave the value unchanged")
    void messageRefreshes() {
        ChangeTableField field = field(Locale.CHINA);
        click(field, "field-changes-add");
        this.<TextField>find(field, "field-changes-row-1-new").setValue("新值");
        Binder<Map<String, Object>> binder = bind(field);
        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.getErrorMessage()).isEqualTo("第1行：请选择「条目名称」");

        this.<TextField>find(field, "field-changes-row-1-new").setValue("");

        assertThat(field.getValue()).isEmpty();
        assertThat(field.getErrorMessage()).isEqualTo("第1行：请选择「条目名称」；第1行：请填写「变更后内容」");

        click(field, "field-changes-row-1-remove");

        assertThat(field.isInvalid()).isFalse();
    }

    @Test
    @DisplayName("LC-04 a row without an item, and an item listed twice, are errors of their rows")
    void missingAndDuplicateItem() {
        ChangeTableField field = field(Locale.CHINA);
        Binder<Map<String, Object>> binder = bind(field);
        click(field, "field-changes-add");
        this.<TextField>find(field, "field-changes-row-1-new").setValue("新值");

        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.getErrorMessage()).isEqualTo("第1行：请选择「条目名称」");

        this.<Select<String>>find(field, "field-changes-row-1-item").setValue("address");
        click(field, "field-changes-add");
        fill(field, 2, "address", "又一个", "");

        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.getErrorMessage()).isEqualTo("第2行：「住址」重复");
    }

    @Test
    @DisplayName("LC-04 current values fill 原内容 (read-only) and the old value of each change")
    void currentValues() {
        ChangeTableField field = field(Locale.CHINA);
        field.setCurrentValues(Map.of("address", "北京市东城区东华门街道1号", "name", "张三"));
        click(field, "field-changes-add");
        fill(field, 1, "address", "上海市浦东新区世纪大道1号", "搬家");

        TextField old = find(field, "field-changes-row-1-old");
        assertThat(old.getValue()).isEqualTo("北京市东城区东华门街道1号");
        assertThat(old.isReadOnly()).isTrue();
        assertThat(old.getLabel()).isEqualTo("原内容");
        assertThat(field.getValue()).containsExactly(
                new Change("address", "北京市东城区东华门街道1号", "上海市浦东新区世纪大道1号", "搬家"));

        this.<Select<String>>find(field, "field-changes-row-1-item").setValue("name");
        assertThat(old.getValue()).isEqualTo("张三");

        field.setCurrentValues(Map.of("name", "张叁"));
        assertThat(old.getValue()).isEqualTo("张叁");
        assertThat(field.getValue()).extracting(Change::oldValue).containsExactly("张叁");
    }

    @Test
    @DisplayName("LC-04 a row is removed with its delete button and the rows are renumbered")
    void removeRow() {
        ChangeTableField field = field(Locale.CHINA);
        click(field, "field-changes-add");
        click(field, "field-changes-add");
        fill(field, 1, "address", "新地址", "");
        fill(field, 2, "phone", "13900139000", "");

        click(field, "field-changes-row-1-remove");

        assertThat(field.getRowCount()).isEqualTo(1);
        assertThat(field.getValue()).containsExactly(new Change("phone", null, "13900139000", null));
        assertThat(this.<Select<String>>find(field, "field-changes-row-1-item").getValue()).isEqualTo("phone");
        assertThat(search(field, "field-changes-row-2-item")).isNull();

        field.removeRow(1);
        assertThat(field.getValue()).isEmpty();
    }

    @Test
    @DisplayName("LC-04 a given value is shown row by row, keeps its old values, and lists of maps are accepted")
    void presentation() {
        ChangeTableField field = field(Locale.CHINA);
        List<Map<String, Object>> stored = new ArrayList<>();
        Map<String, Object> row = new HashMap<>();
        row.put("item", "address");
        row.put("oldValue", "旧地址");
        row.put("newValue", "新地址");
        row.put("reason", null);
        stored.add(row);

        field.setValue(ChangeTableField.toChanges(stored));

        assertThat(field.getRowCount()).isEqualTo(1);
        assertThat(this.<TextField>find(field, "field-changes-row-1-old").getValue()).isEqualTo("旧地址");
        assertThat(this.<TextField>find(field, "field-changes-row-1-new").getValue()).isEqualTo("新地址");
        this.<TextField>find(field, "field-changes-row-1-reason").setValue("搬家");
        assertThat(field.getValue()).containsExactly(new Change("address", "旧地址", "新地址", "搬家"));
        assertThatThrownBy(() -> ChangeTableField.toChanges("address")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("LC-04 read-only hides the add and delete buttons and locks the rows")
    void readOnly() {
        ChangeTableField field = field(Locale.CHINA);
        field.setValue(List.of(new Change("name", "张三", "张叁", null)));

        field.setReadOnly(true);

        assertThat(find(field, "field-changes-add").isVisible()).isFalse();
        assertThat(find(field, "field-changes-row-1-remove").isVisible()).isFalse();
        assertThat(this.<TextField>find(field, "field-changes-row-1-new").isReadOnly()).isTrue();
        assertThat(this.<Select<String>>find(field, "field-changes-row-1-item").isReadOnly()).isTrue();
    }

    @Test
    @DisplayName("LC-04 English locale: English texts, English item labels from items_en")
    void english() {
        ChangeTableField field = field(Locale.ENGLISH);
        Binder<Map<String, Object>> binder = bind(field);
        click(field, "field-changes-add");
        this.<Select<String>>find(field, "field-changes-row-1-item").setValue("address");

        assertThat(this.<Button>find(field, "field-changes-add").getText()).isEqualTo("Add change");
        assertThat(this.<TextField>find(field, "field-changes-row-1-new").getLabel()).isEqualTo("New value");
        assertThat(this.<Select<String>>find(field, "field-changes-row-1-item").getItemLabelGenerator()
                .apply("address")).isEqualTo("Address");
        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.getErrorMessage()).isEqualTo("Row 1: please fill in \"New value\"");
    }

    @Test
    @DisplayName("BPM-02 the items property is parsed in order; a change table without items is refused")
    void items() {
        assertThat(ChangeTableField.parseItems(ITEMS)).containsExactly(Map.entry("name", "姓名"),
                Map.entry("phone", "联系电话"), Map.entry("address", "住址"), Map.entry("ethnicity", "民族"),
                Map.entry("sex", "性别"), Map.entry("birthDate", "出生日期"), Map.entry("documentNumber", "证件号码"));
        FormField noItems = FormDefinitionTest.parse("""
                {"id": "t", "components": [{"type": "changeTable", "key": "changes", "label": "变更条目"}]}""",
                FieldComponentRegistry.standard().types()).fields().get(0);
        assertThatThrownBy(() -> ChangeTableField.of(noItems, Locale.CHINA)).hasMessageContaining("properties.items");
    }

    private static ChangeTableField field(Locale locale) {
        FormField def = FormDefinitionTest.parse("""
                {"id": "t", "components": [{"type": "changeTable", "key": "changes", "label": "变更条目",
                  "properties": {"items": "%s", "items_en": "name:Name,phone:Phone,address:Address"}}]}"""
                .formatted(ITEMS), FieldComponentRegistry.standard().types()).fields().get(0);
        return (ChangeTableField) FieldComponentRegistry.standard().factory(ChangeTableField.TYPE).orElseThrow()
                .create(def, locale);
    }

    private static Binder<Map<String, Object>> bind(ChangeTableField field) {
        Binder<Map<String, Object>> binder = new Binder<>();
        binder.forField(field).bind(m -> List.of(), (m, v) -> m.put("changes", v));
        return binder;
    }

    private void fill(ChangeTableField field, int row, String item, String newValue, String reason) {
        this.<Select<String>>find(field, "field-changes-row-" + row + "-item").setValue(item);
        this.<TextField>find(field, "field-changes-row-" + row + "-new").setValue(newValue);
        this.<TextField>find(field, "field-changes-row-" + row + "-reason").setValue(reason);
    }

    private void click(ChangeTableField field, String id) {
        this.<Button>find(field, id).click();
    }

    @SuppressWarnings("unchecked")
    private <T extends Component> T find(Component root, String id) {
        Component found = search(root, id);
        assertThat(found).as("component " + id).isNotNull();
        return (T) found;
    }

    private static Component search(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return root;
        }
        return root.getChildren().map(child -> search(child, id)).filter(c -> c != null).findFirst().orElse(null);
    }
}
