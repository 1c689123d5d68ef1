package cn.healthcard.modeler.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda 7 element templates made from the project's building blocks (BPM-05, decision 033), for the modeler's
 * properties panel and its "create/append from template" menus:
 * <ul>
 *   <li>one service-task template per delegate bean, {@code camunda:delegateExpression} fixed to {@code ${bean}} and
 *   named with the bean's Chinese label (e.g. 「黑名单校验」), so no one types a bean name;</li>
 *   <li>one user-task template per form of {@code forms/}, {@code camunda:formKey} fixed, the candidate group chosen
 *   from the known roles and the institution-bound groups the shipped processes use ({@code PRODUCTION@${makerCode}}),
 *   by default the group the form's task has in the shipped processes (none, 「（请选择）」, when no shipped task
 *   uses the form: the check then refuses the task until a group is picked), and the {@code sendBackAllowed} flag
 *   (an extension property the task operations read: may a later step send the case back to this one).</li>
 * </ul>
 * Pure: no Spring, the JSON the {@code elementTemplates} option of {@code camunda-bpmn-js} takes.
 */
public final class ElementTemplateGenerator {

    /** The Camunda 7 element template schema the templates follow. */
    public static final String SCHEMA =
            "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    /** The extension property a user task carries when a later step may send the case back to it. */
    public static final String SEND_BACK_ALLOWED = "sendBackAllowed";
    static final String DELEGATE_PREFIX = "cn.healthcard.delegate.";
    static final String FORM_PREFIX = "cn.healthcard.form.";

    /** A delegate bean with its labels and the process variables it reads (may be empty). */
    public record Delegate(String beanName, String labelZh, String labelEn, List<String> reads) {
    }

    /** A form key as written in {@code camunda:formKey}, with its titles. */
    public record Form(String key, String titleZh, String titleEn) {
    }

    /** A candidate group (a role's Camunda group id) with its labels. */
    public record Group(String groupId, String labelZh, String labelEn) {
    }

    /**
     * What the shipped processes give user tasks: per form key the candidate groups of its task (the template's
     * default), and the institution-bound groups in use ({@code ROLE@${variable}}, offered as choices).
     */
    public record Shipped(Map<String, String> groupsByForm, Collection<String> scopedGroups) {
        public static final Shipped NONE = new Shipped(Map.of(), List.of());
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ElementTemplateGenerator() {
    }

    /** All templates: the delegates' first, then the forms'. */
    public static ArrayNode templates(List<Delegate> delegates, List<Form> forms, List<Group> groups,
                                      Shipped shipped) {
        ArrayNode all = JSON.arrayNode();
        delegates.forEach(d -> all.add(serviceTask(d)));
        forms.forEach(f -> all.add(userTask(f, groups, shipped)));
        return all;
    }

    static ObjectNode serviceTask(Delegate delegate) {
        String expression = "${" + delegate.beanName() + "}";
        StringBuilder description = new StringBuilder(delegate.labelEn()).append(" — ").append(expression);
        if (!delegate.reads().isEmpty()) {
            description.append("; 读取变量 reads ").append(String.join(", ", delegate.reads()));
        }
        ObjectNode template = template(DELEGATE_PREFIX + delegate.beanName(), delegate.labelZh(),
                description.toString(), "bpmn:ServiceTask");
        ArrayNode properties = template.putArray("properties");
        properties.add(property("名称 Name", "String", delegate.labelZh(), binding("property", "name")));
        properties.add(property("委托 Bean (delegate expression)", "String", expression,
                binding("property", "camunda:delegateExpression")).put("editable", false));
        return template;
    }

    static ObjectNode userTask(Form form, List<Group> groups, Shipped shipped) {
        ObjectNode template = template(FORM_PREFIX + form.key(), "表单：" + form.titleZh(),
                "User task with the form " + form.key() + " (" + form.titleEn() + ")", "bpmn:UserTask");
        ArrayNode properties = template.putArray("properties");
        properties.add(property("名称 Name", "String", form.titleZh(), binding("property", "name")));
        properties.add(property("表单 Form key", "String", form.key(), binding("property", "camunda:formKey"))
                .put("editable", false));
        String shippedDefault = shipped.groupsByForm().getOrDefault(form.key(), "");
        ObjectNode candidates = property("候选组 Candidate group", "Dropdown", shippedDefault,
                binding("property", "camunda:candidateGroups"));
        candidates.put("description", "默认为现有流程中此表单任务的候选组；限定到机构的组（角色@${变量}）"
                + "列出现有流程使用的，其他的用不带模板的用户任务填写 (default: the group of this form's task in the "
                + "shipped processes; other institution-bound groups are entered on a user task without a template)");
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("", "（请选择） (choose)");
        Map<String, Group> byId = new LinkedHashMap<>();
        groups.forEach(g -> byId.put(g.groupId(), g));
        groups.forEach(g -> choices.put(g.groupId(), g.labelZh() + " " + g.groupId() + " (" + g.labelEn() + ")"));
        for (String scoped : shipped.scopedGroups()) {
            String[] parts = scoped.split("@", 2);
            Group role = byId.get(parts[0]);
            if (role != null) {
                choices.putIfAbsent(scoped, role.labelZh() + "（限机构 " + parts[1] + "） " + scoped + " ("
                        + role.labelEn() + ", bound to " + parts[1] + ")");
            }
        }
        choices.putIfAbsent(shippedDefault, "现有流程所用 " + shippedDefault + " (as shipped)");
        ArrayNode choiceNodes = candidates.putArray("choices");
        choices.forEach((value, name) -> choiceNodes.add(choice(name, value)));
        properties.add(candidates);
        ObjectNode sendBack = property("可退回至此步 Send back allowed", "Dropdown", "false",
                binding("camunda:property", SEND_BACK_ALLOWED));
        sendBack.putArray("choices").add(choice("否 No", "false")).add(choice("是 Yes", "true"));
        properties.add(sendBack);
        return template;
    }

    private static ObjectNode template(String id, String name, String description, String elementType) {
        ObjectNode template = JSON.objectNode();
        template.put("$schema", SCHEMA);
        template.put("id", id);
        template.put("name", name);
        template.put("version", 1);
        template.put("description", description);
        template.putArray("appliesTo").add("bpmn:Task");
        template.putObject("elementType").put("value", elementType);
        return template;
    }

    private static ObjectNode property(String label, String type, String value, ObjectNode binding) {
        ObjectNode property = JSON.objectNode();
        property.put("label", label);
        property.put("type", type);
        property.put("value", value);
        property.set("binding", binding);
        return property;
    }

    private static ObjectNode binding(String type, String name) {
        return JSON.objectNode().put("type", type).put("name", name);
    }

    private static ObjectNode choice(String name, String value) {
        return JSON.objectNode().put("name", name).put("value", value);
    }
}
