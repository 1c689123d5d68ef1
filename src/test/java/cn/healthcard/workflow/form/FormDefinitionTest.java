package cn.healthcard.workflow.form;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormDefinitionTest {

    private static final List<String> APPLICATION_KEYS = List.of("documentType", "documentNumber", "name", "sex",
            "ethnicity", "birthDate", "phone", "address", "bloodTypeAbo", "bloodTypeRh", "medicalAlerts", "photo");

    @Test
    @DisplayName("BPM-02 every file in forms/ parses, its id is its file name and it loads from the classpath")
    void everyFormParses() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("forms"))) {
            files = list.filter(p -> p.toString().endsWith(".form")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String formKey = file.getFileName().toString().replace(".form", "");
            try (InputStream in = Files.newInputStream(file)) {
                FormDefinition def = FormDefinition.parse(in);
                assertThat(def.id()).isEqualTo(formKey);
                assertThat(def.fields()).anyMatch(FormField::isInput);
            }
            assertThat(FormDefinition.load(formKey).fields()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("BPM-02 the card application form has the agreed keys, rules and labels")
    void cardApplication() {
        FormDefinition def = FormDefinition.load("card-application");

        assertThat(inputKeys(def)).containsExactlyElementsOf(APPLICATION_KEYS);
        FormField phone = field(def, "phone");
        assertThat(phone.required()).isTrue();
        assertThat(phone.pattern()).isEqualTo("^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$");
        assertThat(phone.labelEn()).isEqualTo("Phone");
        assertThat(field(def, "documentType").defaultValue()).isEqualTo("01");
        assertThat(field(def, "documentType").valuesKey()).isEqualTo("documentType");
        assertThat(field(def, "bloodTypeAbo").values()).extracting(OptionsProvider.Option::value)
                .containsExactly("A", "B", "O", "AB", "UNKNOWN");
        assertThat(field(def, "birthDate").label()).isEqualTo("出生日期");
        assertThat(field(def, "photo").type()).isEqualTo(PhotoField.TYPE);
    }

    @Test
    @DisplayName("BPM-02 extends puts the named form's components after the form's own")
    void extendsResolves() {
        FormDefinition def = FormDefinition.load("card-application-revise");

        assertThat(inputKeys(def).get(0)).isEqualTo("reviewComment");
        assertThat(inputKeys(def).get(1)).isEqualTo("withdrawReason");
        assertThat(inputKeys(def).subList(2, inputKeys(def).size())).containsExactlyElementsOf(APPLICATION_KEYS);
        assertThat(field(def, "reviewComment").readonly()).isTrue();
    }

    @Test
    @DisplayName("BPM-02 the review and pick-up forms carry their conditional requirements")
    void conditions() {
        assertThat(inputKeys(FormDefinition.load("review-application"))).containsExactly("applicantName",
                "documentTypeName", "documentNumberMasked", "sexName", "birthDate", "institutionName",
                "submittedAt", "decision", "comment");
        assertThat(field(FormDefinition.load("review-application"), "comment").requiredWhen())
                .isEqualTo(new FormField.Condition("decision", "APPROVE", false));
        FormDefinition pickup = FormDefinition.load("card-pickup");
        assertThat(inputKeys(pickup)).containsExactly("cardNo", "applicantName", "pickedUpBy", "agentName",
                "agentDocumentType", "agentDocumentNumber", "identityVerified", "notes");
        assertThat(field(pickup, "agentDocumentType").requiredWhen())
                .isEqualTo(new FormField.Condition("pickedUpBy", "AGENT", true));
    }

    @Test
    @DisplayName("BPM-02 an unknown component type fails at parse time naming the type and the form")
    void unknownType() {
        String json = """
                {"id": "odd-form", "components": [{"type": "signature", "key": "sign", "label": "签名"}]}""";

        assertThatThrownBy(() -> parse(json, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'signature'")
                .hasMessageContaining("'odd-form'");
    }

    @Test
    @DisplayName("BPM-02 a custom type is accepted once declared, e.g. by a registry")
    void customType() {
        String json = """
                {"id": "lookup-form", "components": [{"type": "resident-lookup", "key": "resident", "label": "居民"}]}""";

        assertThat(parse(json, Set.of("resident-lookup")).fields()).extracting(FormField::type)
                .containsExactly("resident-lookup");
    }

    @Test
    @DisplayName("BPM-02 requiredWhen must name a field of the form")
    void requiredWhenNamesAField() {
        String json = """
                {"id": "bad-form", "components": [{"type": "textfield", "key": "a", "label": "A",
                  "properties": {"requiredWhen": "missing=X"}}]}""";

        assertThatThrownBy(() -> parse(json, Set.of())).hasMessageContaining("'missing'");
    }

    static FormDefinition parse(String json, Set<String> customTypes) {
        return FormDefinition.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), customTypes);
    }

    private static List<String> inputKeys(FormDefinition def) {
        return def.fields().stream().filter(FormField::isInput).map(FormField::key).toList();
    }

    private static FormField field(FormDefinition def, String key) {
        return def.fields().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }
}
