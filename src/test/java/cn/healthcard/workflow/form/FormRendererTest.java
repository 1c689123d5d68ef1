package cn.healthcard.workflow.form;

import cn.healthcard.common.FieldViolation;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormRendererTest {

    static final OptionsProvider CODE_TABLES = key -> switch (key) {
        case "documentType" -> List.of(new OptionsProvider.Option("01", "居民身份证"),
                new OptionsProvider.Option("03", "护照"));
        case "sex" -> List.of(new OptionsProvider.Option("1", "男"), new OptionsProvider.Option("2", "女"));
        case "ethnicity" -> List.of(new OptionsProvider.Option("01", "汉族"), new OptionsProvider.Option("02", "蒙古族"));
        default -> List.of();
    };
    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00};

    private final List<SubmitEvent> events = new ArrayList<>();

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
    @DisplayName("BPM-02 card application: typed values in, submit, exactly the typed values in the event")
    void submitsTypedValues() {
        RenderedForm form = render("card-application", Map.of());
        fillApplication(form);

        click(form);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("submit");
            assertThat(e.values()).containsExactlyEntriesOf(expectedApplication());
        });
    }

    @Test
    @DisplayName("APP-03 a missing required field blocks the submit and names the field in Chinese")
    void requiredField() {
        RenderedForm form = render("card-application", Map.of());
        fillApplication(form);
        set(form, "name", "");
        set(form, "sex", null);

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "name", "请填写「姓名」");
        assertInvalid(form, "sex", "请选择「性别」");
        assertThat(form.validate()).isFalse();
    }

    @Test
    @DisplayName("APP-03 pattern and length rules give their messages")
    void patternAndLength() {
        RenderedForm form = render("card-application", Map.of());
        fillApplication(form);
        set(form, "phone", "12345");
        set(form, "name", "张".repeat(51));

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "phone", "请填写11位手机号或带区号的固定电话");
        assertInvalid(form, "name", "「姓名」最多50个字符");

        set(form, "phone", "010-12345678");
        set(form, "name", "张".repeat(50));
        click(form);

        assertThat(events).hasSize(1);
    }

    @Test
    @DisplayName("APP-03 without a pattern message the generic one names the field")
    void genericPatternMessage() {
        FormDefinition def = FormDefinitionTest.parse("""
                {"id": "t", "components": [{"type": "textfield", "key": "tel", "label": "电话",
                  "validate": {"pattern": "\\\\d+", "minLength": 3}}]}""", Set.of());
        RenderedForm form = render(Locale.CHINA, def, Map.of());

        set(form, "tel", "abc");
        assertThat(form.validate()).isFalse();
        assertInvalid(form, "tel", "「电话」格式不正确");

        set(form, "tel", "12");
        assertThat(form.validate()).isFalse();
        assertInvalid(form, "tel", "「电话」至少3个字符");
    }

    @Test
    @DisplayName("APP-03 review: a comment is required unless the decision is APPROVE")
    void requiredWhenOnReview() {
        RenderedForm form = render("review-application", Map.of("applicantName", "张三",
                "birthDate", LocalDate.of(1990, 3, 7)));
        assertThat(((TextField) component(form, "birthDate")).getValue()).isEqualTo("1990-03-07");
        assertThat(((TextField) component(form, "applicantName")).isReadOnly()).isTrue();

        set(form, "decision", "REJECT");
        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "comment", "请填写「审核意见」");
        assertThat(((HasValue<?, ?>) component(form, "comment")).isRequiredIndicatorVisible()).isTrue();

        set(form, "decision", "APPROVE");
        assertThat(((HasValidation) component(form, "comment")).isInvalid()).isFalse();
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values())
                .containsExactlyEntriesOf(mapOf("decision", "APPROVE", "comment", null)));
    }

    @Test
    @DisplayName("APP-03 pick-up: an agent needs name and document, and the identity check must be ticked")
    void pickup() {
        RenderedForm form = render("card-pickup", Map.of("cardNo", "H0000001", "applicantName", "张三"));
        assertThat(((HasValue<?, ?>) component(form, "pickedUpBy")).getValue()).isEqualTo("SELF");

        set(form, "pickedUpBy", "AGENT");
        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "agentName", "请填写「代领人姓名」");
        assertInvalid(form, "agentDocumentType", "请选择「代领人证件类型」");
        assertInvalid(form, "identityVerified", "请勾选「已核验领卡人有效身份证件」");

        set(form, "pickedUpBy", "SELF");
        set(form, "identityVerified", true);
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                mapOf("pickedUpBy", "SELF", "agentName", null, "agentDocumentType", null,
                        "agentDocumentNumber", null, "identityVerified", true, "notes", null)));
    }

    @Test
    @DisplayName("APP-03 server-side violations land on their fields; unknown keys go to the general line")
    void showErrors() {
        RenderedForm form = render("card-application", Map.of());

        List<FieldViolation> general = form.showErrors(List.of(
                new FieldViolation("documentNumber", "证件号码校验位不正确"),
                new FieldViolation("resident", "该居民已有有效的居民健康卡")));

        assertInvalid(form, "documentNumber", "证件号码校验位不正确");
        assertThat(general).extracting(FieldViolation::field).containsExactly("resident");
        assertThat(find(form, "form-errors").getElement().getText()).isEqualTo("该居民已有有效的居民健康卡");
    }

    @Test
    @DisplayName("BPM-02 revise: initial values fill the form, the return reason is shown but not submitted")
    void revise() {
        Map<String, Object> initial = new LinkedHashMap<>(expectedApplication());
        initial.put("reviewComment", "照片不清晰");
        RenderedForm form = render("card-application-revise", initial);
        assertThat(((TextField) component(form, "name")).getValue()).isEqualTo("张三");
        assertThat(((HasValue<?, ?>) component(form, "reviewComment")).isReadOnly()).isTrue();

        click(form);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("withdrawReason", null);
        expected.putAll(expectedApplication());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("submit");
            assertThat(e.values()).containsExactlyEntriesOf(expected);
        });
    }

    @Test
    @DisplayName("APP-02 APP-07 revise: the withdraw button submits with its own action; submit stays first and primary")
    void reviseWithdraw() {
        Map<String, Object> initial = new LinkedHashMap<>(expectedApplication());
        initial.put("reviewComment", "照片不清晰");
        RenderedForm form = render("card-application-revise", initial);
        Button submit = (Button) find(form, "form-submit");
        Button withdraw = (Button) find(form, "form-withdraw");
        assertThat(submit.getElement().getThemeList()).contains("primary");
        assertThat(withdraw.getElement().getThemeList()).doesNotContain("primary");
        assertThat(withdraw.getText()).isEqualTo("撤回申领");
        assertThat(submit.getParent().orElseThrow().getChildren().toList()).startsWith(submit);
        set(form, "withdrawReason", "居民不再申领");

        withdraw.click();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("withdraw");
            assertThat(e.values()).containsEntry("withdrawReason", "居民不再申领");
        });
    }

    @Test
    @DisplayName("BPM-02 English locale: English labels, button and messages")
    void english() {
        RenderedForm form = render(Locale.ENGLISH, FormDefinition.load("card-application"), Map.of());
        fillApplication(form);
        set(form, "name", "");
        set(form, "phone", "1");

        click(form);

        assertThat(((TextField) component(form, "name")).getLabel()).isEqualTo("Name");
        assertThat(((Button) find(form, "form-submit")).getText()).isEqualTo("Submit application");
        assertInvalid(form, "name", "Please fill in \"Name\"");
        assertInvalid(form, "phone", "Enter an 11-digit mobile number or a landline number with area code");
    }

    @Test
    @DisplayName("BPM-02 values() reads the current values; setReadOnly locks the fields and hides the buttons")
    void valuesAndReadOnly() {
        RenderedForm form = render("card-application", Map.of());
        set(form, "name", "李四");

        assertThat(form.values()).containsEntry("name", "李四").containsEntry("documentType", "01")
                .containsEntry("photo", null);

        form.setReadOnly(true);

        assertThat(((HasValue<?, ?>) component(form, "name")).isReadOnly()).isTrue();
        assertThat(find(form, "form-submit").isVisible()).isFalse();
    }

    @Test
    @DisplayName("BPM-02 custom types render through the registry; a type without a widget fails")
    void registry() {
        FormDefinition def = FormDefinitionTest.parse("""
                {"id": "t", "components": [{"type": "resident-lookup", "key": "resident", "label": "居民",
                  "validate": {"required": true}}]}""", Set.of("resident-lookup"));
        FieldComponentRegistry registry = FieldComponentRegistry.standard()
                .register("resident-lookup", (field, locale) -> new TextField());
        RenderedForm form = new FormRenderer(CODE_TABLES, registry, Locale.CHINA).render(def, Map.of());
        form.addSubmitListener(events::add);

        click(form);
        assertInvalid(form, "resident", "请提供「居民」");
        set(form, "resident", "R1");
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsEntry("resident", "R1"));
        assertThatThrownBy(() -> renderer(Locale.CHINA).render(def, Map.of()))
                .hasMessageContaining("resident-lookup");
    }

    private RenderedForm render(String formKey, Map<String, Object> initial) {
        return render(Locale.CHINA, FormDefinition.load(formKey), initial);
    }

    private RenderedForm render(Locale locale, FormDefinition def, Map<String, Object> initial) {
        RenderedForm form = renderer(locale).render(def, initial);
        form.addSubmitListener(events::add);
        return form;
    }

    private static FormRenderer renderer(Locale locale) {
        return new FormRenderer(CODE_TABLES, FieldComponentRegistry.standard(), locale);
    }

    static void click(RenderedForm form) {
        ((Button) find(form, "form-submit")).click();
    }

    private static void fillApplication(RenderedForm form) {
        expectedApplication().forEach((key, value) -> set(form, key, value));
    }

    private static Map<String, Object> expectedApplication() {
        return mapOf("documentType", "01", "documentNumber", "110101199003070011", "name", "张三", "sex", "1",
                "ethnicity", "01", "birthDate", LocalDate.of(1990, 3, 7), "phone", "13800138000",
                "address", "北京市东城区东华门街道1号", "bloodTypeAbo", "A", "bloodTypeRh", "POSITIVE",
                "medicalAlerts", "青霉素过敏", "photo", PHOTO);
    }

    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static void set(RenderedForm form, String key, Object value) {
        HasValue<?, Object> field = (HasValue<?, Object>) component(form, key);
        if (value == null) {
            field.clear();
        } else {
            field.setValue(value);
        }
    }

    static Component component(RenderedForm form, String key) {
        Component component = find(form, "field-" + key);
        assertThat(form.field(key)).containsSame(component);
        return component;
    }

    static void assertInvalid(RenderedForm form, String key, String message) {
        HasValidation field = (HasValidation) component(form, key);
        assertThat(field.isInvalid()).as(key + " invalid").isTrue();
        assertThat(field.getErrorMessage()).isEqualTo(message);
    }

    static Component find(Component root, String id) {
        return search(root, id).orElseThrow(() -> new AssertionError("no component with id " + id));
    }

    private static Optional<Component> search(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(child -> search(child, id)).flatMap(Optional::stream).findFirst();
    }
}
