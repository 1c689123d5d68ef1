package cn.healthcard.processadmin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.workflow.ProcessRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of {@link ProcessRules} (BPM-05, decision 032), each with a small model that breaks it; the model every
 * case starts from passes.
 */
class ProcessRulesTest {

    static final ProcessRules.Known KNOWN = new ProcessRules.Known(
            Set.of("checkApplicationDelegate", "keyCustodians", "escalateListener"),
            Set.of("checkApplicationDelegate"),
            Set.of("card-application", "review-application"),
            Set.of("CLERK", "SUPERVISOR", "PRODUCTION", "ADMIN"));

    static final String USER_TASK = "<bpmn:userTask id=\"t\" name=\"审核\" camunda:candidateGroups=\"SUPERVISOR\" "
            + "camunda:formKey=\"review-application\"/>";

    /** A process s → t → e, every element drawn unless its id is in {@code undrawn}. */
    static String model(String processAttributes, String task, String extra, String... undrawn) {
        String body = "    <bpmn:startEvent id=\"s\"/>\n"
                + "    <bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/>\n"
                + "    " + task + "\n"
                + "    <bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>\n"
                + "    <bpmn:endEvent id=\"e\"/>\n" + extra;
        StringBuilder di = new StringBuilder();
        Matcher m = Pattern.compile("<bpmn:(\\w+) id=\"([^\"]+)\"").matcher(body);
        int x = 100;
        while (m.find()) {
            if (List.of(undrawn).contains(m.group(2))) {
                continue;
            }
            if (m.group(1).equals("sequenceFlow")) {
                di.append("<bpmndi:BPMNEdge id=\"").append(m.group(2)).append("_di\" bpmnElement=\"")
                        .append(m.group(2)).append("\"><di:waypoint x=\"0\" y=\"0\"/><di:waypoint x=\"10\" y=\"0\"/>")
                        .append("</bpmndi:BPMNEdge>\n");
            } else {
                di.append("<bpmndi:BPMNShape id=\"").append(m.group(2)).append("_di\" bpmnElement=\"")
                        .append(m.group(2)).append("\"><dc:Bounds x=\"").append(x).append("\" y=\"100\" width=\"36\" ")
                        .append("height=\"36\"/></bpmndi:BPMNShape>\n");
                x += 100;
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
                + "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
                + "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"http://t\">\n"
                + "  <bpmn:process id=\"p\" isExecutable=\"true\" " + processAttributes + ">\n" + body
                + "  </bpmn:process>\n"
                + "  <bpmndi:BPMNDiagram id=\"dia\"><bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"p\">\n" + di
                + "  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
    }

    static String task(String task) {
        return model("camunda:historyTimeToLive=\"P1D\"", task, "");
    }

    static List<ProcessRules.Problem> check(String xml) {
        return ProcessRules.check(xml.getBytes(StandardCharsets.UTF_8), KNOWN);
    }

    static void refused(String xml, String rule, String elementId) {
        assertThat(check(xml)).as(xml).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo(rule);
            assertThat(p.elementId()).isEqualTo(elementId);
            assertThat(p.message()).isNotBlank();
        });
    }

    @Test
    @DisplayName("BPM-05 a drawn model with TTL, an allowed delegate, a known form and group, a timer and a "
            + "sendBackAllowed flag passes every rule")
    void goodModelPasses() {
        String xml = model("camunda:historyTimeToLive=\"P1D\"",
                "<bpmn:userTask id=\"t\" camunda:candidateGroups=\"SUPERVISOR,PRODUCTION@${makerCode}\" "
                        + "camunda:formKey=\"review-application\"><bpmn:extensionElements><camunda:properties>"
                        + "<camunda:property name=\"sendBackAllowed\" value=\"true\"/></camunda:properties>"
                        + "</bpmn:extensionElements></bpmn:userTask>",
                "    <bpmn:boundaryEvent id=\"b\" attachedToRef=\"t\" cancelActivity=\"false\"><bpmn:timerEventDefinition>"
                        + "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P14D</bpmn:timeDuration>"
                        + "</bpmn:timerEventDefinition></bpmn:boundaryEvent>\n"
                        + "    <bpmn:sequenceFlow id=\"f3\" sourceRef=\"b\" targetRef=\"c\"/>\n"
                        + "    <bpmn:serviceTask id=\"c\" camunda:delegateExpression=\"${checkApplicationDelegate}\"/>\n"
                        + "    <bpmn:sequenceFlow id=\"f4\" sourceRef=\"c\" targetRef=\"e2\">"
                        + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
                        + "${execution.hasVariable('x') &amp;&amp; keyCustodians.of(ceremonyId) != null}"
                        + "</bpmn:conditionExpression></bpmn:sequenceFlow>\n"
                        + "    <bpmn:endEvent id=\"e2\"/>\n");
        assertThat(check(xml)).isEmpty();
    }

    @Test
    @DisplayName("BPM-05 PARSE: not BPMN (or not XML) is one problem on the definitions")
    void parse() {
        refused("<not-bpmn/>", "PARSE", "definitions");
        refused("no xml at all", "PARSE", "definitions");
    }

    @Test
    @DisplayName("BPM-05 PARSE: a DOCTYPE (entity expansion, external entities) is refused")
    void doctypeRefused() {
        String xml = task(USER_TASK).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");
        assertThat(check(xml)).isNotEmpty().allSatisfy(p -> assertThat(p.rule()).isEqualTo("PARSE"));
    }

    @Test
    @DisplayName("BPM-05 EXECUTABLE: a model without an executable process is refused")
    void executable() {
        refused(task(USER_TASK).replace("isExecutable=\"true\"", "isExecutable=\"false\""), "EXECUTABLE",
                "definitions");
    }

    @Test
    @DisplayName("BPM-01 BPM-05 NOT_DRAWN: a flow node without a shape and a flow without an edge, each on its id")
    void notDrawn() {
        refused(model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "", "t"), "NOT_DRAWN", "t");
        refused(model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "", "f2"), "NOT_DRAWN", "f2");
    }

    @Test
    @DisplayName("BPM-05 HISTORY_TTL: an executable process without historyTimeToLive")
    void historyTimeToLive() {
        refused(model("", USER_TASK, ""), "HISTORY_TTL", "p");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 DELEGATE: a bean outside the allow-list, not ${bean}, or not a JavaDelegate on a task")
    void delegate() {
        refused(task("<bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"${cryptoDevice}\"/>"), "DELEGATE", "t");
        refused(task("<bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"${checkApplicationDelegate.x}\"/>"),
                "DELEGATE", "t");
        refused(task("<bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"${keyCustodians}\"/>"), "DELEGATE", "t");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 CLASS: camunda:class on a task or a listener")
    void camundaClass() {
        refused(task("<bpmn:serviceTask id=\"t\" camunda:class=\"java.lang.Object\"/>"), "CLASS", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\">"
                + "<bpmn:extensionElements><camunda:taskListener event=\"create\" class=\"x.Y\"/>"
                + "</bpmn:extensionElements></bpmn:userTask>").replace("class=\"x.Y\"", "camunda:class=\"x.Y\""),
                "CLASS", "t");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 SCRIPT: script task, script listener, script condition, external script resource")
    void script() {
        refused(task("<bpmn:scriptTask id=\"t\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script>"
                + "</bpmn:scriptTask>"), "SCRIPT", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\">"
                + "<bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script "
                + "scriptFormat=\"groovy\">x</camunda:script></camunda:executionListener></bpmn:extensionElements>"
                + "</bpmn:userTask>"), "SCRIPT", "t");
        refused(model("camunda:historyTimeToLive=\"P1D\"", USER_TASK,
                "").replace("<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>",
                "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"><bpmn:conditionExpression "
                        + "xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">true</bpmn:conditionExpression>"
                        + "</bpmn:sequenceFlow>"), "SCRIPT", "f2");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\">"
                + "<bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script "
                + "scriptFormat=\"groovy\" resource=\"deployment://x.groovy\"/></camunda:executionListener>"
                + "</bpmn:extensionElements></bpmn:userTask>"), "SCRIPT", "t");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 CONNECTOR: a camunda:connector is refused")
    void connector() {
        refused(task("<bpmn:serviceTask id=\"t\"><bpmn:extensionElements><camunda:connector>"
                + "<camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
                + "</bpmn:extensionElements></bpmn:serviceTask>"), "CONNECTOR", "t");
    }

    @ParameterizedTest(name = "BPM-05 SEC-03 EXPRESSION refused: {0}")
    @ValueSource(strings = {"${cryptoDevice.sign(x)}", "${execution.getProcessEngineServices()}",
            "${execution.processEngineServices.runtimeService}", "${execution['processEngineServices']}",
            "${keyCustodians.of(x).getClass()}", "${fn:exit(1)}", "${applicant.name}", "#{resident.idNumber}",
            "${''.getClass().forName('java.lang.Runtime')}"})
    void expression(String expression) {
        String xml = task("<bpmn:serviceTask id=\"t\" camunda:expression=\"" + expression
                .replace("'", "&apos;") + "\"/>");
        refused(xml, "EXPRESSION", "t");
    }

    static String condition(String text) {
        return model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "")
                .replace("<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>",
                        "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"><bpmn:conditionExpression "
                                + "xsi:type=\"bpmn:tFormalExpression\">" + text + "</bpmn:conditionExpression>"
                                + "</bpmn:sequenceFlow>");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 EXPRESSION: a '}' inside a string literal does not end the expression (parsed as JUEL)")
    void braceInStringLiteral() {
        refused(task("<bpmn:serviceTask id=\"t\" camunda:expression=\"${&apos;}&apos; == &apos;&apos; ? &apos;&apos; : "
                + "execution.getProcessEngineServices().getRepositoryService()}\"/>"), "EXPRESSION", "t");
        refused(condition("${'}'!=null and execution.getProcessEngineServices() != null}"), "EXPRESSION", "f2");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 EXPRESSION: text split by a comment or CDATA is checked as the engine joins it")
    void splitTextNodes() {
        refused(condition("$<!-- -->{execution.getProcessEngineServices() != null}"), "EXPRESSION", "f2");
        refused(condition("$<![CDATA[{execution.getProcessEngineServices() != null}]]>"), "EXPRESSION", "f2");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 the check's cost is bounded: a 2 MiB ${${… model in under 2 s, a 200 k literal is a "
            + "problem, not an Error")
    void boundedCost() {
        String nested = "${".repeat(1024 * 1024);
        org.junit.jupiter.api.Assertions.assertTimeout(java.time.Duration.ofSeconds(2), () ->
                assertThat(check(task("<bpmn:serviceTask id=\"t\" name=\"" + nested + "\"/>"))).isNotEmpty());
        String literal = "${'" + "a".repeat(200_000) + "' == x}";
        refused(condition(literal), "EXPRESSION_TOO_LONG", "f2");
        String deep = "${" + "(".repeat(900) + "x" + ")".repeat(900) + "}";
        assertThat(check(condition(deep))).isNotEmpty();
        String deepXml = task(USER_TASK).replace("<bpmn:endEvent id=\"e\"/>", "<bpmn:endEvent id=\"e\">"
                + "<bpmn:extensionElements>" + "<x:a xmlns:x=\"urn:x\">".repeat(5000)
                + "</x:a>".repeat(5000) + "</bpmn:extensionElements></bpmn:endEvent>");
        assertThat(check(deepXml)).isNotEmpty();
    }

    @Test
    @DisplayName("BPM-05 SEC-03 CLASS: camunda:variableMappingClass and camunda:formHandlerClass are refused")
    void otherClassAttributes() {
        refused(task("<bpmn:callActivity id=\"t\" calledElement=\"x\" camunda:variableMappingClass=\"x.Y\"/>"),
                "CLASS", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\" "
                + "camunda:formHandlerClass=\"x.Y\"/>"), "CLASS", "t");
        refused(model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "").replace("<bpmn:startEvent id=\"s\"/>",
                "<bpmn:startEvent id=\"s\" camunda:formHandlerClass=\"x.Y\"/>"), "CLASS", "s");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 ASSIGNEE: a user task may not be routed to a named user (assignee, candidateUsers)")
    void assignee() {
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\" "
                + "camunda:assignee=\"mallory\"/>"), "ASSIGNEE", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\" "
                + "camunda:candidateUsers=\"mallory\"/>"), "ASSIGNEE", "t");
    }

    @ParameterizedTest(name = "BPM-05 EXPRESSION allowed: {0}")
    @ValueSource(strings = {"${checkPassed}", "${reviewDecision == 'APPROVE'}", "${!countsMatch}",
            "${execution.getVariable('x')}", "${keyCustodians.of(ceremonyId)}", "${a &amp;&amp; not empty b}"})
    void expressionAllowed(String expression) {
        String xml = model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "")
                .replace("<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>",
                        "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"><bpmn:conditionExpression "
                                + "xsi:type=\"bpmn:tFormalExpression\">" + expression + "</bpmn:conditionExpression>"
                                + "</bpmn:sequenceFlow>");
        assertThat(check(xml)).isEmpty();
    }

    @Test
    @DisplayName("BPM-02 BPM-05 FORM_MISSING / FORM_UNKNOWN: a user task without a form key, or with one not in forms/")
    void forms() {
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\"/>"), "FORM_MISSING", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"no-such\"/>"),
                "FORM_UNKNOWN", "t");
        refused(model("camunda:historyTimeToLive=\"P1D\"", USER_TASK, "").replace("<bpmn:startEvent id=\"s\"/>",
                "<bpmn:startEvent id=\"s\" camunda:formKey=\"no-such\"/>"), "FORM_UNKNOWN", "s");
    }

    @Test
    @DisplayName("BPM-02 BPM-05 GROUP_MISSING / GROUP_UNKNOWN: no candidate group, an unknown group, a bad scoped group")
    void groups() {
        refused(task("<bpmn:userTask id=\"t\" camunda:formKey=\"card-application\"/>"), "GROUP_MISSING", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"HACKERS\" camunda:formKey=\"card-application\"/>"),
                "GROUP_UNKNOWN", "t");
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK@${a.b()}\" "
                + "camunda:formKey=\"card-application\"/>"), "GROUP_UNKNOWN", "t");
        assertThat(check(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"PRODUCTION@${makerCode}\" "
                + "camunda:formKey=\"card-application\"/>"))).isEmpty();
    }

    @ParameterizedTest(name = "BPM-05 TIMER refused: {0}")
    @ValueSource(strings = {"timeDuration>14 days", "timeDuration>P14X", "timeDate>tomorrow", "timeCycle>every day",
            "timeCycle>R3/PTxH"})
    void timer(String definition) {
        String element = definition.substring(0, definition.indexOf('>'));
        String value = definition.substring(definition.indexOf('>') + 1);
        refused(timerModel(element, value), "TIMER", "b");
    }

    @ParameterizedTest(name = "BPM-05 TIMER allowed: {0}")
    @ValueSource(strings = {"timeDuration>PT5M", "timeDate>2030-01-01T00:00:00", "timeCycle>R3/PT1H",
            "timeDuration>${reviewEscalationAfter}"})
    void timerAllowed(String definition) {
        String element = definition.substring(0, definition.indexOf('>'));
        String value = definition.substring(definition.indexOf('>') + 1);
        assertThat(check(timerModel(element, value))).isEmpty();
    }

    private static String timerModel(String element, String value) {
        return model("camunda:historyTimeToLive=\"P1D\"", USER_TASK,
                "    <bpmn:boundaryEvent id=\"b\" attachedToRef=\"t\"><bpmn:timerEventDefinition><bpmn:" + element
                        + " xsi:type=\"bpmn:tFormalExpression\">" + value + "</bpmn:" + element
                        + "></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n"
                        + "    <bpmn:sequenceFlow id=\"f3\" sourceRef=\"b\" targetRef=\"e3\"/>\n"
                        + "    <bpmn:endEvent id=\"e3\"/>\n");
    }

    @Test
    @DisplayName("BPM-02 BPM-05 PROPERTY: sendBackAllowed must be true or false")
    void sendBackAllowed() {
        refused(task("<bpmn:userTask id=\"t\" camunda:candidateGroups=\"CLERK\" camunda:formKey=\"card-application\">"
                + "<bpmn:extensionElements><camunda:properties><camunda:property name=\"sendBackAllowed\" "
                + "value=\"yes\"/></camunda:properties></bpmn:extensionElements></bpmn:userTask>"), "PROPERTY", "t");
    }

    @Test
    @DisplayName("SEC-03 the engine's part of the rules (security, TTL) ignores drawing, forms and groups")
    void securityPartOnly() {
        String undrawnNoForm = model("camunda:historyTimeToLive=\"P1D\"",
                "<bpmn:userTask id=\"t\"/>", "", "t", "f1", "f2", "s", "e");
        assertThat(ProcessRules.checkSecurity(undrawnNoForm.getBytes(StandardCharsets.UTF_8), KNOWN.beans()))
                .isEmpty();
        assertThat(ProcessRules.checkSecurity(task("<bpmn:serviceTask id=\"t\" camunda:class=\"x.Y\"/>")
                .getBytes(StandardCharsets.UTF_8), KNOWN.beans())).extracting(ProcessRules.Problem::rule)
                .contains("CLASS");
    }
}
