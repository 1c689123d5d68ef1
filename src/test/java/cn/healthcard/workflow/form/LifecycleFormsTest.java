package cn.healthcard.workflow.form;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static cn.healthcard.workflow.form.FormRendererTest.CODE_TABLES;
import static cn.healthcard.workflow.form.FormRendererTest.assertInvalid;
import static cn.healthcard.workflow.form.FormRendererTest.click;
import static cn.healthcard.workflow.form.FormRendererTest.component;
import static cn.healthcard.workflow.form.FormRendererTest.find;
import static cn.healthcard.workflow.form.FormRendererTest.mapOf;
import static cn.healthcard.workflow.form.FormRendererTest.set;
import static org.assertj.core.api.Assertions.assertThat;

/** The forms of the card lifecycle requests (挂失, 解挂, 解锁, 补换, 注销), their review and the new-card pick-up. */
class LifecycleFormsTest {

    private static final List<String> COMMON =
            List.of("cardNo", "applicantPhone", "identityDocumentType", "identityDocumentNumber");
    private static final Map<String, List<String>> OWN_KEYS = Map.of(
            "loss-report", List.of("lossDate", "lossReason"),
            "unloss", List.of("unlossReason", "cardPresented"),
            "unlock", List.of("lockDate", "lockReason", "cardPresented"),
            "replacement", List.of("replacementReason", "otherReason", "changes", "oldCardReturned", "feeAmount",
                    "feeReceiptNo", "temporaryCardRequested"),
            "cancellation", List.of("cancellationReason", "cardReturned"));

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

    @DisplayName("BPM-02 LC-01 LC-02 LC-03 LC-04 LC-06 LC-08 forms: identity, own fields, submit; revise adds reason and withdraw")
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loss-report", "unloss", "unlock", "replacement", "cancellation"})
    void requestForms(String formKey) {
        List<String> expected = Stream.concat(COMMON.stream(), OWN_KEYS.get(formKey).stream()).toList();
        FormDefinition def = FormDefinition.load(formKey);

        assertThat(inputKeys(def)).containsExactlyElementsOf(expected);
        assertThat(def.fields()).filteredOn(f -> FormField.BUTTON.equals(f.type())).singleElement()
                .satisfies(button -> assertThat(button.key()).isEqualTo("submit"));
        assertThat(def.fields()).filteredOn(FormField::isInput)
                .allSatisfy(f -> assertThat(f.labelEn()).as("label_en of " + f.key()).isNotBlank());
        FormField cardNo = field(def, "cardNo");
        assertThat(cardNo.required()).isTrue();
        assertThat(cardNo.pattern()).isEqualTo("^\\d{10,32}$");
        assertThat(field(def, "applicantPhone").pattern())
                .isEqualTo(field(FormDefinition.load("card-application"), "phone").pattern());
        assertThat(field(def, "identityDocumentType").valuesKey()).isEqualTo("documentType");
        assertThat(field(def, "identityDocumentType").defaultValue()).isEqualTo("01");

        FormDefinition revise = FormDefinition.load(formKey + "-revise");
        assertThat(inputKeys(revise).get(0)).isEqualTo("reviewComment");
        assertThat(field(revise, "reviewComment").readonly()).isTrue();
        assertThat(inputKeys(revise).get(1)).isEqualTo("withdrawReason");
        assertThat(field(revise, "withdrawReason").required()).isFalse();
        assertThat(inputKeys(revise).subList(2, inputKeys(revise).size())).containsExactlyElementsOf(expected);
        assertThat(revise.fields()).filteredOn(f -> FormField.BUTTON.equals(f.type())).extracting(FormField::key)
                .containsExactlyInAnyOrder("withdraw", "submit");
    }

    @Test
    @DisplayName("LC-01 loss report: typed values, optional loss date, card number and reason checked")
    void lossReport() {
        RenderedForm form = render("loss-report", Map.of());
        fillIdentity(form);
        set(form, "cardNo", "H123");

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "cardNo", "健康卡卡号应为10至32位数字");
        assertInvalid(form, "lossReason", "请填写「挂失原因」");
        assertThat(((Button) find(form, "form-submit")).getText()).isEqualTo("提交挂失申请");

        set(form, "cardNo", "110101000000000001");
        set(form, "lossReason", "乘地铁时遗失");
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                with(identity(), "lossDate", null, "lossReason", "乘地铁时遗失")));
    }

    @Test
    @DisplayName("LC-02 unloss without the card presented is refused with the Chinese message")
    void unlossNeedsCard() {
        RenderedForm form = render("unloss", Map.of());
        fillIdentity(form);
        set(form, "unlossReason", "卡片已找回");

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "cardPresented", "请勾选「居民已出示本人健康卡实物」");

        set(form, "cardPresented", true);
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                with(identity(), "unlossReason", "卡片已找回", "cardPresented", true)));
    }

    @Test
    @DisplayName("LC-03 unlock needs the lock date, the reason and the card")
    void unlock() {
        RenderedForm form = render("unlock", Map.of());
        fillIdentity(form);

        click(form);

        assertInvalid(form, "lockDate", "请选择「密码锁定日期」");
        assertInvalid(form, "lockReason", "请填写「密码锁定原因」");
        assertInvalid(form, "cardPresented", "请勾选「居民已出示本人健康卡实物」");

        set(form, "lockDate", LocalDate.of(2025, 5, 1));
        set(form, "lockReason", "连续三次输错密码");
        set(form, "cardPresented", true);
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                with(identity(), "lockDate", LocalDate.of(2025, 5, 1), "lockReason", "连续三次输错密码",
                        "cardPresented", true)));
    }

    @Test
    @DisplayName("LC-04 replacement for information change needs at least one change")
    void infoChangeNeedsChanges() {
        RenderedForm form = renderReplacement(Map.of());
        set(form, "replacementReason", "INFO_CHANGE");

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "changes", "请添加「变更条目」");
        assertThat(((HasValue<?, ?>) component(form, "changes")).isRequiredIndicatorVisible()).isTrue();
    }

    @Test
    @DisplayName("LC-04 replacement for another reason needs the reason written out")
    void otherNeedsReason() {
        RenderedForm form = renderReplacement(Map.of());
        set(form, "replacementReason", "OTHER");

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "otherReason", "请填写「其他原因」");

        set(form, "otherReason", "芯片老化");
        click(form);

        assertThat(events).hasSize(1);
    }

    @Test
    @DisplayName("LC-04 replacement of a lost card needs no changes; fee and temporary card are typed values")
    void lostIsValid() {
        RenderedForm form = renderReplacement(Map.of());
        set(form, "replacementReason", "LOST");
        set(form, "temporaryCardRequested", true);

        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                with(identity(), "replacementReason", "LOST", "otherReason", null, "changes", List.of(),
                        "oldCardReturned", false, "feeAmount", new BigDecimal("20.00"), "feeReceiptNo", null,
                        "temporaryCardRequested", true)));
    }

    @Test
    @DisplayName("LC-04 replacement for information change: rows of the change table, 原内容 from changes.current")
    void infoChangeWithChanges() {
        RenderedForm form = renderReplacement(Map.of("changes.current",
                Map.of("address", "北京市东城区东华门街道1号", "name", "张三")));
        set(form, "replacementReason", "INFO_CHANGE");
        ((Button) find(form, "field-changes-add")).click();
        @SuppressWarnings("unchecked")
        Select<String> item = (Select<String>) find(form, "field-changes-row-1-item");
        item.setValue("address");

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "changes", "第1行：请填写「变更后内容」");

        ((TextField) find(form, "field-changes-row-1-new")).setValue("上海市浦东新区世纪大道1号");
        ((TextField) find(form, "field-changes-row-1-reason")).setValue("户籍迁移");
        click(form);

        assertThat(((TextField) find(form, "field-changes-row-1-old")).getValue()).isEqualTo("北京市东城区东华门街道1号");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.values().get("changes")).isEqualTo(List.of(
                new Change("address", "北京市东城区东华门街道1号", "上海市浦东新区世纪大道1号", "户籍迁移"))));
    }

    @Test
    @DisplayName("LC-04 revise: the returned request's changes are shown again (a list of maps is accepted)")
    void replacementRevise() {
        Map<String, Object> initial = new LinkedHashMap<>(identity());
        initial.put("reviewComment", "请补充变更原因");
        initial.put("replacementReason", "INFO_CHANGE");
        initial.put("changes", List.of(Map.of("item", "name", "oldValue", "张三", "newValue", "张叁")));
        initial.put("feeAmount", "20");
        RenderedForm form = render("replacement-revise", initial);

        click(form);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.values()).doesNotContainKey("reviewComment");
            assertThat(e.values().get("changes")).isEqualTo(List.of(new Change("name", "张三", "张叁", null)));
            assertThat(e.values().get("feeAmount")).isEqualTo(new BigDecimal("20"));
        });
    }

    @Test
    @DisplayName("LC-04 English locale: the change table's label and items are English")
    void replacementEnglish() {
        RenderedForm form = new FormRenderer(CODE_TABLES, FieldComponentRegistry.standard(), Locale.ENGLISH)
                .render(FormDefinition.load("replacement"), Map.of());

        ChangeTableField changes = (ChangeTableField) component(form, "changes");
        assertThat(changes.getLabel()).isEqualTo("Changes");
        assertThat(changes.getItems()).containsEntry("address", "Address").containsEntry("birthDate", "Date of birth");
        assertThat(((Button) find(form, "form-submit")).getText()).isEqualTo("Submit replacement request");
    }

    @Test
    @DisplayName("LC-06 cancellation warns that a cancelled card can never be re-enabled")
    void cancellation() {
        RenderedForm form = render("cancellation", Map.of());
        fillIdentity(form);

        assertThat(((Markdown) find(form, "field-Text_cancellationWarning")).getContent())
                .contains("注销后卡片无法通过任何方式重新启用");
        click(form);
        assertInvalid(form, "cancellationReason", "请填写「注销原因」");

        set(form, "cancellationReason", "本人不再使用");
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                with(identity(), "cancellationReason", "本人不再使用", "cardReturned", false)));
    }

    @Test
    @DisplayName("LC-08 request review: a comment is required unless approved; only decision and comment are submitted")
    void review() {
        RenderedForm form = render("card-request-review", Map.of("requestTypeName", "挂失",
                "cardNo", "110101000000000001", "requestSummary", "挂失原因：乘地铁时遗失"));
        assertThat(((HasValue<?, ?>) component(form, "requestSummary")).isReadOnly()).isTrue();

        set(form, "decision", "RETURN");
        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "comment", "请填写「审核意见」");

        set(form, "decision", "APPROVE");
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values())
                .containsExactlyEntriesOf(mapOf("decision", "APPROVE", "comment", null)));
    }

    @Test
    @DisplayName("LC-05 new-card pick-up: an issued temporary card must be handed back")
    void pickupWithTemporaryCard() {
        RenderedForm form = render("replacement-pickup", Map.of("newCardNo", "110101000000000002",
                "applicantName", "张三", "temporaryCardNo", "T110101000001"));
        set(form, "identityVerified", true);

        click(form);

        assertThat(events).isEmpty();
        assertInvalid(form, "temporaryCardReturned", "请勾选「临时卡已交回」");

        set(form, "temporaryCardReturned", true);
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values()).containsExactlyEntriesOf(
                mapOf("temporaryCardReturned", true, "oldCardReturned", false, "identityVerified", true)));
    }

    @Test
    @DisplayName("LC-05 new-card pick-up without a temporary card needs only the identity check")
    void pickupWithoutTemporaryCard() {
        RenderedForm form = render("replacement-pickup", Map.of("newCardNo", "110101000000000002",
                "applicantName", "张三"));

        click(form);
        assertInvalid(form, "identityVerified", "请勾选「已核验领卡人有效身份证件」");

        set(form, "identityVerified", true);
        click(form);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.values())
                .containsEntry("temporaryCardReturned", false));
    }

    private RenderedForm renderReplacement(Map<String, Object> initial) {
        RenderedForm form = render("replacement", initial);
        fillIdentity(form);
        set(form, "feeAmount", new BigDecimal("20.00"));
        return form;
    }

    private RenderedForm render(String formKey, Map<String, Object> initial) {
        RenderedForm form = new FormRenderer(CODE_TABLES, FieldComponentRegistry.standard(), Locale.CHINA)
                .render(FormDefinition.load(formKey), initial);
        form.addSubmitListener(events::add);
        return form;
    }

    private static void fillIdentity(RenderedForm form) {
        identity().forEach((key, value) -> set(form, key, value));
    }

    private static Map<String, Object> identity() {
        return mapOf("cardNo", "110101000000000001", "applicantPhone", "13800138000",
                "identityDocumentType", "01", "identityDocumentNumber", "110101199003070011");
    }

    private static Map<String, Object> with(Map<String, Object> first, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>(first);
        map.putAll(mapOf(keysAndValues));
        return map;
    }

    private static List<String> inputKeys(FormDefinition def) {
        return def.fields().stream().filter(FormField::isInput).map(FormField::key).toList();
    }

    private static FormField field(FormDefinition def, String key) {
        return def.fields().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }
}
