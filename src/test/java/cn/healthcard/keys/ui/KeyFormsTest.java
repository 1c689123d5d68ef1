package cn.healthcard.keys.ui;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.keys.CeremonyRequest;
import cn.healthcard.keys.Custodian;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormField;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import cn.healthcard.workflow.form.SubmitEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The key forms as data (forms/key-*.form) rendered without Spring, like the other task forms. */
@DisplayName("KEY-02 BPM-02 key ceremony forms: start, co-sign, custody and presentation")
class KeyFormsTest {

    private static final List<Custodian> ADMINS = List.of(new Custodian("keyadmin", "冯密管"),
            new Custodian("keyadmin2", "褚密管"));

    private final UI ui = new UI();
    private final List<SubmitEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    private RenderedForm render(String formKey, Map<String, Object> initial) {
        RenderedForm form = new FormRenderer(new KeyOptions(ADMINS), FieldComponentRegistry.standard(),
                Locale.SIMPLIFIED_CHINESE).render(FormDefinition.load(formKey), initial);
        form.addSubmitListener(events::add);
        return form;
    }

    @SuppressWarnings("unchecked")
    private static void set(RenderedForm form, String key, Object value) {
        ((HasValue<?, Object>) form.field(key).orElseThrow()).setValue(value);
    }

    private static void submit(RenderedForm form) {
        ((Button) find(form, "form-submit").orElseThrow()).click();
    }

    private static Optional<Component> find(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(child -> find(child, id)).flatMap(Optional::stream).findFirst();
    }

    private static String error(RenderedForm form, String key) {
        HasValidation field = (HasValidation) form.field(key).orElseThrow();
        return field.isInvalid() ? field.getErrorMessage() : null;
    }

    @Test
    @DisplayName("KEY-02 BPM-02 the start form offers the key administrators as custodians and maps onto a ceremony request")
    void startForm() {
        RenderedForm form = render("key-ceremony", Map.of());
        @SuppressWarnings("unchecked")
        Select<String> custodian = (Select<String>) form.field("custodian1").orElseThrow();
        assertThat(custodian.getListDataView().getItems()).containsExactly("keyadmin", "keyadmin2");
        assertThat(custodian.getItemLabelGenerator().apply("keyadmin2")).isEqualTo("褚密管（keyadmin2）");

        set(form, "operation", "BACKUP");
        set(form, "reason", "年度备份");
        submit(form);
        assertThat(events).isEmpty();
        assertThat(error(form, "purpose")).isEqualTo("请选择「密钥用途」");
        assertThat(error(form, "custodian1")).isEqualTo("请选择「保管人一」");
        assertThat(error(form, "backupId")).isNull();

        set(form, "purpose", "APP_DATA_READ");
        set(form, "level", "2");
        set(form, "regionCode", "110000");
        set(form, "keyVersion", new BigDecimal("1"));
        set(form, "custodian1", "keyadmin");
        set(form, "custodian2", "keyadmin2");
        submit(form);
        assertThat(events).hasSize(1);
        CeremonyRequest request = KeyFormValues.request(events.get(0).values());
        assertThat(request).isEqualTo(new CeremonyRequest(KeyOperation.BACKUP, KeyPurpose.APP_DATA_READ,
                KeyLevel.PROVINCIAL, "110000", 1, null, List.of("keyadmin", "keyadmin2"), "年度备份"));
    }

    @Test
    @DisplayName("KEY-02 BPM-02 a recovery needs only the backup and a reason; a bad region code is refused on its field")
    void recoveryAndRegion() {
        RenderedForm form = render("key-ceremony", Map.of());
        set(form, "operation", "GENERATE");
        set(form, "purpose", "INTERNAL_AUTH");
        set(form, "level", "3");
        set(form, "regionCode", "1101");
        set(form, "reason", "新建");
        submit(form);
        assertThat(error(form, "regionCode")).isEqualTo("「行政区划代码」应为6位数字");

        RenderedForm recovery = render("key-ceremony", Map.of());
        set(recovery, "operation", "RECOVER");
        set(recovery, "reason", "设备故障");
        submit(recovery);
        assertThat(error(recovery, "backupId")).isEqualTo("请填写「备份编号」");
        set(recovery, "backupId", "KC202501010001");
        submit(recovery);
        assertThat(KeyFormValues.request(events.get(0).values())).isEqualTo(new CeremonyRequest(KeyOperation.RECOVER,
                null, null, null, null, "KC202501010001", List.of(), "设备故障"));
    }

    @Test
    @DisplayName("KEY-02 KEY-03 custody and presentation ask for the custodian's secret in password fields; the co-signature needs a comment to refuse")
    void taskForms() {
        RenderedForm custody = render("key-component-custody", Map.of("ceremonyId", "KC202501010001",
                "keySummary", "hc.app-data-read.root v1（校验值 2677F46B）", "componentSummary", "第 1/2 号分量"));
        assertThat(custody.field("secret").orElseThrow()).isInstanceOf(PasswordField.class);
        assertThat(custody.field("secretRepeat").orElseThrow()).isInstanceOf(PasswordField.class);
        assertThat(((PasswordField) custody.field("secret").orElseThrow()).isRevealButtonVisible()).isFalse();
        submit(custody);
        assertThat(error(custody, "secret")).isEqualTo("请填写「分量口令」");
        set(custody, "secret", "custodian-secret");
        set(custody, "secretRepeat", "custodian-secret");
        submit(custody);
        assertThat(events.get(0).values()).containsEntry("secret", "custodian-secret")
                .doesNotContainKeys("ceremonyId", "keySummary", "componentSummary");

        RenderedForm present = render("key-component-present", Map.of());
        submit(present);
        assertThat(error(present, "secret")).as("presenting needs the secret").isEqualTo("请填写「分量口令」");
        set(present, "availability", "UNAVAILABLE");
        submit(present);
        assertThat(events.get(1).values()).containsEntry("availability", "UNAVAILABLE");

        RenderedForm coSign = render("key-ceremony-cosign", Map.of("ceremonyId", "KC202501010001"));
        set(coSign, "decision", "REFUSE");
        submit(coSign);
        assertThat(error(coSign, "comment")).isEqualTo("请填写「复核意见」");
        assertThat(FormDefinition.load("key-ceremony-cosign").fields()).filteredOn(FormField::isInput)
                .allSatisfy(f -> assertThat(f.labelEn()).as("label_en of " + f.key()).isNotBlank());
    }
}
