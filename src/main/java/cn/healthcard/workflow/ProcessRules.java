package cn.healthcard.workflow;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.calendar.DateTimeUtil;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule set a BPMN model must meet (BPM-05, docs/decisions/018 and 032). The same rules check the shipped files
 * in {@code processes/} ({@code ProcessDefinitionsTest}), an admin's change before it is saved and before it is
 * deployed ({@code processadmin}), and — the security part ({@link #checkSecurity}) — every new deployment in the
 * engine, however it is made. Every problem names the element it concerns (the modeler highlights it by id) and a
 * stable rule code.
 *
 * <p>Rules: {@code PARSE} the XML is BPMN 2.0 the engine reads; {@code EXECUTABLE} exactly one executable process;
 * {@code NOT_DRAWN} every flow node has a BPMNShape and every sequence flow a BPMNEdge; {@code HISTORY_TTL};
 * {@code DELEGATE} every {@code camunda:delegateExpression} is {@code ${bean}} of the allow-list (a
 * {@code JavaDelegate} on tasks and events); {@code CLASS} no {@code camunda:class} nor any other
 * {@code camunda:*Class} ({@code variableMappingClass}, {@code formHandlerClass}); {@code ASSIGNEE} no
 * {@code camunda:candidateUsers}, and {@code camunda:assignee} only as {@code ${variable}}; {@code SCRIPT} no script task,
 * {@code camunda:script}, script {@code language} or external resource; {@code CONNECTOR} no connectors;
 * {@code EXPRESSION} an expression calls methods or reads properties only of allowed beans (and a few read-only
 * methods of {@code execution}/{@code task}), no bracket access, no functions — parsed by the engine's JUEL
 * builder ({@link ExpressionRule}), on text joined as the engine joins it; {@code EXPRESSION_TOO_LONG} a value with an
 * expression over 2 000 characters; {@code FORM_MISSING} /
 * {@code FORM_UNKNOWN} every user task names a form of {@code forms/}; {@code GROUP_MISSING} / {@code GROUP_UNKNOWN}
 * every user task has candidate groups, each a role or {@code ROLE@${variable}}; {@code TIMER} every timer is an ISO
 * 8601 date, duration or cycle, or one expression; {@code PROPERTY} a {@code camunda:property} the application reads
 * ({@value #SEND_BACK_ALLOWED}) has the value {@code true} or {@code false}.
 */
public final class ProcessRules {

    /** The user-task property that allows sending a case back to that task (BPM-02 task operations). */
    public static final String SEND_BACK_ALLOWED = "sendBackAllowed";

    /** Methods of {@code execution} / {@code task} an expression may call: they only read the case's variables. */
    static final Set<String> SAFE_EXECUTION_METHODS = Set.of("getVariable", "hasVariable", "getVariableLocal",
            "hasVariableLocal", "getBusinessKey", "getProcessBusinessKey");

    /** Deeper XML than this is refused (PARSE) before it is walked: no check may run out of stack. */
    static final int MAX_XML_DEPTH = 100;
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern GROUP = Pattern.compile("([A-Z]+)(@\\$\\{[A-Za-z_][A-Za-z0-9_]*})?");
    private static final Pattern WHOLE_EXPRESSION = Pattern.compile("\\s*[$#]\\{[^{}]*}\\s*");

    /** What a model may refer to: beans (and which of them are JavaDelegates), form keys, candidate group ids. */
    public record Known(Set<String> beans, Set<String> delegates, Set<String> formKeys, Set<String> groups) {
        public Known {
            beans = Set.copyOf(beans);
            delegates = Set.copyOf(delegates);
            formKeys = Set.copyOf(formKeys);
            groups = Set.copyOf(groups);
        }
    }

    /** One problem: the element it concerns (the process id or {@code definitions} when it has none), rule, message. */
    public record Problem(String elementId, String rule, String message) {
    }

    private ProcessRules() {
    }

    /** Whether a bean of this class may be named in a BPMN expression (docs/decisions/018 §4). */
    public static boolean isProcessBean(Class<?> type) {
        if (type == null) {
            return false;
        }
        String pkg = type.getPackageName();
        if (!pkg.startsWith("cn.healthcard.") || !pkg.endsWith(".process")) {
            return false;
        }
        return JavaDelegate.class.isAssignableFrom(type) || ExecutionListener.class.isAssignableFrom(type)
                || TaskListener.class.isAssignableFrom(type) || Modifier.isPublic(type.getModifiers());
    }

    /** Every rule. Empty when the model may be deployed. */
    public static List<Problem> check(byte[] xml, Known known) {
        return check(xml, known, null);
    }

    /**
     * Every rule, and {@code PROCESS_KEY}: the executable process has the id {@code processKey} (a change to one
     * process cannot become another), when it is given.
     */
    public static List<Problem> check(byte[] xml, Known known, String processKey) {
        try {
            return checkAll(xml, known, processKey);
        } catch (StackOverflowError e) {
            return List.of(new Problem("definitions", "PARSE", "模型嵌套过深，无法检查"));
        }
    }

    private static List<Problem> checkAll(byte[] xml, Known known, String processKey) {
        List<Problem> problems = new ArrayList<>();
        Element root = dom(xml, problems);
        if (root == null) {
            return problems;
        }
        BpmnModelInstance model = parse(xml, problems);
        if (model == null) {
            return problems;
        }
        List<Process> executable = model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable).toList();
        if (executable.size() != 1) {
            problems.add(new Problem("definitions", "EXECUTABLE", "模型应恰有一个可执行流程，实有 " + executable.size()
                    + " 个"));
        }
        if (processKey != null) {
            executable.stream().filter(p -> !processKey.equals(p.getId())).forEach(p -> problems.add(new Problem(
                    p.getId(), "PROCESS_KEY", "流程标识应为 " + processKey + "，不能改为 " + p.getId())));
        }
        ttl(model, problems);
        drawn(model, problems);
        userTasks(model, known, problems);
        timers(model, problems);
        walk(root, known, problems);
        return problems;
    }

    /**
     * The rules that keep a model from running code (scripts, {@code camunda:class}, connectors, delegates and
     * expressions outside the allow-list) and {@code historyTimeToLive}: the engine applies these to every new
     * deployment, whoever makes it.
     */
    public static List<Problem> checkSecurity(byte[] xml, Set<String> beans) {
        try {
            List<Problem> problems = new ArrayList<>();
            Element root = dom(xml, problems);
            BpmnModelInstance model = root == null ? null : parse(xml, problems);
            if (model == null) {
                return problems;
            }
            ttl(model, problems);
            walk(root, new Known(beans, beans, Set.of(), Set.of()), problems);
            return problems;
        } catch (StackOverflowError e) {
            return List.of(new Problem("definitions", "PARSE", "模型嵌套过深，无法检查"));
        }
    }

    private static BpmnModelInstance parse(byte[] xml, List<Problem> problems) {
        try {
            BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
            Bpmn.validateModel(model);
            return model;
        } catch (RuntimeException e) {
            problems.add(new Problem("definitions", "PARSE", "不是有效的 BPMN 2.0 模型: " + e.getMessage()));
            return null;
        }
    }

    private static void ttl(BpmnModelInstance model, List<Problem> problems) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            String ttl = process.getCamundaHistoryTimeToLiveString();
            if (process.isExecutable() && (ttl == null || ttl.isBlank())) {
                problems.add(new Problem(process.getId(), "HISTORY_TTL", "流程未设置历史保留期 (historyTimeToLive)"));
            }
        }
    }

    private static void drawn(BpmnModelInstance model, List<Problem> problems) {
        Set<String> shapes = new java.util.HashSet<>();
        model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() != null)
                .forEach(s -> shapes.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() != null)
                .forEach(e -> shapes.add(e.getBpmnElement().getId()));
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!shapes.contains(node.getId())) {
                problems.add(new Problem(node.getId(), "NOT_DRAWN", "元素未绘制在图中 (缺少 BPMNShape)"));
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!shapes.contains(flow.getId())) {
                problems.add(new Problem(flow.getId(), "NOT_DRAWN", "连线未绘制在图中 (缺少 BPMNEdge)"));
            }
        }
    }

    private static void userTasks(BpmnModelInstance model, Known known, List<Problem> problems) {
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            form(task.getId(), task.getCamundaFormKey(), true, known, problems);
            List<String> groups = task.getCamundaCandidateGroupsList();
            if (groups == null || groups.isEmpty()) {
                problems.add(new Problem(task.getId(), "GROUP_MISSING", "用户任务未设置候选组 (角色)"));
                continue;
            }
            for (String group : groups) {
                Matcher m = GROUP.matcher(group.trim());
                if (!m.matches() || !known.groups().contains(m.group(1))) {
                    problems.add(new Problem(task.getId(), "GROUP_UNKNOWN", "候选组 " + group
                            + " 不是已知角色 (或 角色@${变量})"));
                }
            }
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            form(start.getId(), start.getCamundaFormKey(), false, known, problems);
        }
    }

    private static void form(String id, String formKey, boolean required, Known known, List<Problem> problems) {
        if (formKey == null || formKey.isBlank()) {
            if (required) {
                problems.add(new Problem(id, "FORM_MISSING", "用户任务未设置表单 (formKey)"));
            }
        } else if (!known.formKeys().contains(formKey)) {
            problems.add(new Problem(id, "FORM_UNKNOWN", "表单 " + formKey + " 不在 forms/ 中"));
        }
    }

    private static void timers(BpmnModelInstance model, List<Problem> problems) {
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            String id = owner(timer);
            if (timer.getTimeDate() == null && timer.getTimeDuration() == null && timer.getTimeCycle() == null) {
                problems.add(new Problem(id, "TIMER", "定时器未设置日期、时长或周期"));
                continue;
            }
            try {
                if (timer.getTimeDate() != null && !isExpression(timer.getTimeDate().getTextContent())) {
                    DateTimeUtil.parseDate(timer.getTimeDate().getTextContent().trim());
                }
                if (timer.getTimeDuration() != null && !isExpression(timer.getTimeDuration().getTextContent())) {
                    String d = timer.getTimeDuration().getTextContent().trim();
                    if (!d.startsWith("P")) {
                        throw new IllegalArgumentException(d);
                    }
                    new DurationHelper(d);
                }
                if (timer.getTimeCycle() != null && !isExpression(timer.getTimeCycle().getTextContent())) {
                    String c = timer.getTimeCycle().getTextContent().trim();
                    if (!c.startsWith("R")) {
                        throw new IllegalArgumentException(c);
                    }
                    new DurationHelper(c);
                }
            } catch (Exception e) {
                problems.add(new Problem(id, "TIMER", "定时器不是 ISO 8601 日期、时长 (如 P14D) 或周期 (如 R3/PT1H): "
                        + e.getMessage()));
            }
        }
    }

    private static boolean isExpression(String text) {
        return text != null && WHOLE_EXPRESSION.matcher(text).matches();
    }

    private static String owner(ModelElementInstance element) {
        for (ModelElementInstance e = element.getParentElement(); e != null; e = e.getParentElement()) {
            String id = e.getAttributeValue("id");
            if (id != null) {
                return id;
            }
        }
        return "definitions";
    }

    /**
     * The document through a parser that reads no DTD or external entity, to see every attribute; {@code null} (and a
     * PARSE problem) when it is not XML or nested deeper than {@link #MAX_XML_DEPTH}.
     */
    private static Element dom(byte[] xml, List<Problem> problems) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            problems.add(new Problem("definitions", "PARSE", "不是有效的 XML: " + e.getMessage()));
            return null;
        }
        if (depth(root) > MAX_XML_DEPTH) {
            problems.add(new Problem("definitions", "PARSE", "模型的 XML 嵌套超过 " + MAX_XML_DEPTH + " 层"));
            return null;
        }
        return root;
    }

    /** The nesting depth of the elements, counted without recursion. */
    private static int depth(Element root) {
        int depth = 1;
        int max = 1;
        Node node = root;
        while (node != null) {
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                max = Math.max(max, ++depth);
                continue;
            }
            while (node != null && node != root && node.getNextSibling() == null) {
                node = node.getParentNode();
                depth--;
            }
            node = node == null || node == root ? null : node.getNextSibling();
        }
        return max;
    }

    private static void walk(Element element, Known known, List<Problem> problems) {
        String id = nearestId(element);
        boolean camunda = BpmnModelConstants.CAMUNDA_NS.equals(element.getNamespaceURI());
        String local = element.getLocalName();
        if ("scriptTask".equals(local) || (camunda && "script".equals(local))) {
            problems.add(new Problem(id, "SCRIPT", "不允许脚本 (" + local + ")"));
        }
        if (camunda && "connector".equals(local)) {
            problems.add(new Problem(id, "CONNECTOR", "不允许连接器 (camunda:connector)"));
        }
        if (camunda && "property".equals(local) && SEND_BACK_ALLOWED.equals(element.getAttribute("name"))
                && !Set.of("true", "false").contains(element.getAttribute("value"))) {
            problems.add(new Problem(id, "PROPERTY", SEND_BACK_ALLOWED + " 的值应为 true 或 false"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            boolean camundaAttribute = BpmnModelConstants.CAMUNDA_NS.equals(attribute.getNamespaceURI());
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if (camundaAttribute && ("class".equals(name) || name.endsWith("Class"))) {
                // class, variableMappingClass, formHandlerClass: the engine instantiates any of them by name
                problems.add(new Problem(id, "CLASS", "不允许 camunda:" + name + "，请选用允许的流程组件"));
            } else if (camundaAttribute && "candidateUsers".equals(name)) {
                problems.add(new Problem(id, "ASSIGNEE", "不允许 camunda:candidateUsers，任务只能分给角色 (候选组)"));
            } else if (camundaAttribute && "assignee".equals(name)
                    && !DELEGATE.matcher(attribute.getValue().trim()).matches()) {
                problems.add(new Problem(id, "ASSIGNEE", "camunda:assignee 只能是 ${变量}，不能指定具体用户"));
            } else if (camundaAttribute && "delegateExpression".equals(name)) {
                delegate(id, attribute.getValue(), BpmnModelConstants.BPMN20_NS.equals(element.getNamespaceURI()),
                        known, problems);
            } else if (attribute.getNamespaceURI() == null && "language".equals(name)
                    || camundaAttribute && "resource".equals(name)) {
                problems.add(new Problem(id, "SCRIPT", "不允许脚本语言或外部脚本资源 (" + name + ")"));
            } else if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                expressions(id, attribute.getValue(), known, problems);
            }
        }
        if (BpmnModelConstants.BPMN20_NS.equals(element.getNamespaceURI())
                && ("documentation".equals(local) || "text".equals(local))) {
            return; // documentation and annotation text are never evaluated
        }
        // the engine's parser joins every piece of text of an element (comments and CDATA do not split it)
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, known, problems);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        expressions(id, text.toString(), known, problems);
    }

    private static String nearestId(Element element) {
        for (Node n = element; n instanceof Element e; n = e.getParentNode()) {
            if (e.hasAttribute("id") && e.getNamespaceURI() != null
                    && e.getNamespaceURI().equals(BpmnModelConstants.BPMN20_NS)) {
                return e.getAttribute("id");
            }
        }
        return "definitions";
    }

    private static void delegate(String id, String expression, boolean onFlowElement, Known known,
                                 List<Problem> problems) {
        Matcher bean = DELEGATE.matcher(expression == null ? "" : expression.trim());
        if (!bean.matches() || !known.beans().contains(bean.group(1))) {
            problems.add(new Problem(id, "DELEGATE", "委托 " + expression + " 不是允许的流程组件"));
        } else if (onFlowElement && !known.delegates().contains(bean.group(1))) {
            problems.add(new Problem(id, "DELEGATE", bean.group(1) + " 不是可用于任务的流程组件 (JavaDelegate)"));
        }
    }

    /** Every {@code ${…}} / {@code #{…}} in a value: what it calls or reads must be allowed. */
    static void expressions(String id, String text, Known known, List<Problem> problems) {
        Problem problem = ExpressionRule.check(id, text, known.beans());
        if (problem != null) {
            problems.add(problem);
        }
    }
}
