package cn.healthcard.modeler.internal;

import cn.healthcard.modeler.internal.ElementTemplateGenerator.Delegate;
import cn.healthcard.modeler.internal.ElementTemplateGenerator.Form;
import cn.healthcard.modeler.internal.ElementTemplateGenerator.Group;
import cn.healthcard.modeler.internal.ElementTemplateGenerator.Shipped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The element templates the modeler gets (BPM-05, decision 033), without Spring. */
class ElementTemplateGeneratorTest {

    private static final List<Delegate> DELEGATES = List.of(
            new Delegate("blacklistCheckDelegate", "黑名单校验", "Blacklist check", List.of("residentId")),
            new Delegate("issueCardDelegate", "发卡", "Issue card", List.of()));
    private static final List<Form> FORMS = List.of(
            new Form("review-application", "审核申请", "Review application"),
            new Form("card-pickup", "领卡", "Card pick-up"));
    private static final List<Group> GROUPS = List.of(
            new Group("CLERK", "前台经办员", "Clerk"),
            new Group("SUPERVISOR", "审核员", "Supervisor"),
            new Group("KEYADMIN", "密钥管理员", "Key administrator"));
    private static final Shipped SHIPPED = new Shipped(Map.of("review-application", "SUPERVISOR"),
            List.of("KEYADMIN@${centreCode}", "UNKNOWN@${x}"));

    private final ArrayNode templates = ElementTemplateGenerator.templates(DELEGATES, FORMS, GROUPS, SHIPPED);

    @Test
    @DisplayName("BPM-05 one service-task template per delegate, named in Chinese, delegate expression fixed to ${bean}")
    void delegates() {
        JsonNode blacklist = byId(ElementTemplateGenerator.DELEGATE_PREFIX + "blacklistCheckDelegate");
        assertThat(blacklist.path("name").asText()).isEqualTo("黑名单校验");
        assertThat(blacklist.path("elementType").path("value").asText()).isEqualTo("bpmn:ServiceTask");
        JsonNode expression = property(blacklist, "camunda:delegateExpression");
        assertThat(expression.path("value").asText()).isEqualTo("${blacklistCheckDelegate}");
        assertThat(expression.path("editable").asBoolean(true)).as("fixed").isFalse();
        assertThat(blacklist.path("description").asText()).contains("residentId");
        for (Delegate d : DELEGATES) {
            assertThat(property(byId(ElementTemplateGenerator.DELEGATE_PREFIX + d.beanName()),
                    "camunda:delegateExpression").path("value").asText()).isEqualTo("${" + d.beanName() + "}");
        }
    }

    @Test
    @DisplayName("BPM-05 one user-task template per form: form key fixed, candidate group a dropdown of every known group, "
            + "the sendBackAllowed flag as an extension property")
    void forms() {
        for (Form f : FORMS) {
            JsonNode template = byId(ElementTemplateGenerator.FORM_PREFIX + f.key());
            assertThat(template.path("elementType").path("value").asText()).isEqualTo("bpmn:UserTask");
            assertThat(template.path("name").asText()).contains(f.titleZh());
            JsonNode formKey = property(template, "camunda:formKey");
            assertThat(formKey.path("value").asText()).isEqualTo(f.key());
            assertThat(formKey.path("editable").asBoolean(true)).isFalse();
            JsonNode groups = property(template, "camunda:candidateGroups");
            assertThat(groups.path("type").asText()).isEqualTo("Dropdown");
            assertThat(StreamSupport.stream(groups.path("choices").spliterator(), false)
                    .map(c -> c.path("value").asText()).toList())
                    .containsExactly("", "CLERK", "SUPERVISOR", "KEYADMIN", "KEYADMIN@${centreCode}");
            assertThat(groups.path("choices").get(0).path("name").asText()).contains("请选择");
            assertThat(groups.path("choices").get(2).path("name").asText()).contains("审核员");
            assertThat(groups.path("choices").get(4).path("name").asText()).contains("密钥管理员", "${centreCode}");
            JsonNode sendBack = property(template, ElementTemplateGenerator.SEND_BACK_ALLOWED);
            assertThat(sendBack.path("binding").path("type").asText()).isEqualTo("camunda:property");
            assertThat(StreamSupport.stream(sendBack.path("choices").spliterator(), false)
                    .map(c -> c.path("value").asText()).toList()).containsExactly("false", "true");
        }
    }

    @Test
    @DisplayName("BPM-05 a form's candidate group defaults to its task's group in the shipped processes (a review form: "
            + "SUPERVISOR, never the first role); a form no shipped task uses has no default (「（请选择）」, which the "
            + "check refuses as GROUP_MISSING); a shipped combination is offered")
    void defaultGroups() {
        assertThat(property(byId(ElementTemplateGenerator.FORM_PREFIX + "review-application"),
                "camunda:candidateGroups").path("value").asText()).isEqualTo("SUPERVISOR");
        assertThat(property(byId(ElementTemplateGenerator.FORM_PREFIX + "card-pickup"),
                "camunda:candidateGroups").path("value").asText()).isEmpty();
        JsonNode combined = property(ElementTemplateGenerator.userTask(FORMS.get(1), GROUPS,
                new Shipped(Map.of("card-pickup", "CLERK,SUPERVISOR"), List.of())), "camunda:candidateGroups");
        assertThat(combined.path("value").asText()).isEqualTo("CLERK,SUPERVISOR");
        assertThat(StreamSupport.stream(combined.path("choices").spliterator(), false)
                .map(c -> c.path("value").asText()).toList()).contains("CLERK,SUPERVISOR");
    }

    @Test
    @DisplayName("BPM-05 the shipped processes: review-application is the supervisors', the floor's forms the maker's "
            + "production staff bound by ${makerCode}, which is offered as a choice")
    void shippedProcesses() throws Exception {
        ShippedTaskGroups shipped = new ShippedTaskGroups();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                try (var in = java.nio.file.Files.newInputStream(file)) {
                    shipped.read(in);
                }
            }
        }
        assertThat(shipped.byForm()).containsEntry("review-application", "SUPERVISOR")
                .containsEntry("floor-start", "PRODUCTION@${makerCode}");
        assertThat(shipped.scoped()).contains("PRODUCTION@${makerCode}").allMatch(g -> g.contains("@"));
    }

    @Test
    @DisplayName("BPM-05 every template has the element template schema's required keys, a unique id and valid "
            + "bindings; the array is valid JSON")
    void schemaKeys() throws Exception {
        JsonNode parsed = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(templates));
        assertThat(parsed.size()).isEqualTo(DELEGATES.size() + FORMS.size());
        Set<String> ids = new HashSet<>();
        for (JsonNode template : parsed) {
            // the Camunda 7 element template schema requires name, id, appliesTo and properties
            assertThat(template.path("name").asText()).isNotBlank();
            assertThat(ids.add(template.path("id").asText())).as("unique id " + template.path("id")).isTrue();
            assertThat(template.path("appliesTo").isArray() && !template.path("appliesTo").isEmpty()).isTrue();
            assertThat(template.path("properties").isArray()).isTrue();
            assertThat(template.path("$schema").asText()).isEqualTo(ElementTemplateGenerator.SCHEMA);
            assertThat(template.path("version").isInt()).isTrue();
            for (JsonNode property : template.path("properties")) {
                assertThat(property.path("binding").path("type").asText())
                        .isIn("property", "camunda:property");
                assertThat(property.path("binding").path("name").asText()).isNotBlank();
                assertThat(property.path("type").asText()).isIn("String", "Dropdown");
                if (property.path("type").asText().equals("Dropdown")) {
                    var values = StreamSupport.stream(property.path("choices").spliterator(), false)
                            .map(c -> c.path("value").asText()).toList();
                    assertThat(values).as("the default is a choice").contains(property.path("value").asText());
                    property.path("choices").forEach(c -> assertThat(c.path("name").asText()).isNotBlank());
                }
            }
        }
    }

    private JsonNode byId(String id) {
        return StreamSupport.stream(templates.spliterator(), false).filter(t -> t.path("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no template " + id));
    }

    private static JsonNode property(JsonNode template, String bindingName) {
        return StreamSupport.stream(template.path("properties").spliterator(), false)
                .filter(p -> p.path("binding").path("name").asText().equals(bindingName))
                .findFirst().orElseThrow(() -> new AssertionError("no property " + bindingName));
    }
}
