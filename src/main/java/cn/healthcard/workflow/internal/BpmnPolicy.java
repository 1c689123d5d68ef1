package cn.healthcard.workflow.internal;

import cn.healthcard.common.FieldViolation;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.xml.instance.DomElement;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a BPMN model must satisfy to be deployed (docs/decisions/018): it parses and validates; every executable
 * process sets {@code historyTimeToLive}; every {@code camunda:delegateExpression} is {@code ${bean}} naming an allowed
 * expression bean; no {@code camunda:class} (it instantiates any class, past the bean allow-list); no scripts (script
 * tasks, {@code camunda:script}, a {@code language} on a condition, external script resources). Checked by
 * {@link cn.healthcard.workflow.ProcessDeployments} for a clear answer to the admin, and by the engine's pre-deployer
 * ({@link ProcessExpressionBeans}) for every new deployment.
 */
public final class BpmnPolicy {

    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private BpmnPolicy() {
    }

    /** Whether a deployment resource is a BPMN model (by name, as the engine's BPMN deployer decides). */
    static boolean isBpmn(String resourceName) {
        return resourceName.endsWith(".bpmn") || resourceName.endsWith(".bpmn20.xml");
    }

    /** What is wrong with the model, empty when it may be deployed. */
    public static List<FieldViolation> violations(byte[] bpmnXml, Set<String> allowedBeans) {
        List<FieldViolation> problems = new ArrayList<>();
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmnXml));
            Bpmn.validateModel(model);
        } catch (RuntimeException e) {
            return List.of(new FieldViolation("bpmn", "不是有效的 BPMN 2.0 模型: " + e.getMessage()));
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable() && (process.getCamundaHistoryTimeToLiveString() == null
                    || process.getCamundaHistoryTimeToLiveString().isBlank())) {
                problems.add(new FieldViolation(process.getId(), "流程未设置 historyTimeToLive"));
            }
        }
        if (!model.getModelElementsByType(ScriptTask.class).isEmpty()) {
            problems.add(new FieldViolation("bpmn", "不允许脚本任务 (scriptTask)"));
        }
        walk(model.getDocument().getRootElement(), allowedBeans, problems);
        return problems;
    }

    private static void walk(DomElement element, Set<String> allowed, List<FieldViolation> problems) {
        String id = element.getAttribute("id");
        String where = (element.getLocalName() + " " + (id == null ? "" : id)).trim();
        if (element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "class")) {
            problems.add(new FieldViolation(where, "不允许 camunda:class，请用允许的流程 bean"));
        }
        if (element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "delegateExpression")) {
            String expression = element.getAttribute(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            Matcher bean = DELEGATE_EXPRESSION.matcher(expression == null ? "" : expression);
            if (!bean.matches() || !allowed.contains(bean.group(1))) {
                problems.add(new FieldViolation(where, "委托 " + expression + " 不是允许的流程 bean"));
            }
        }
        if ("script".equals(element.getLocalName()) && BpmnModelConstants.CAMUNDA_NS.equals(element.getNamespaceURI())) {
            problems.add(new FieldViolation(where, "不允许脚本 (camunda:script)"));
        }
        if (element.hasAttribute("language") || element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "resource")) {
            problems.add(new FieldViolation(where, "不允许脚本语言或外部脚本资源"));
        }
        element.getChildElements().forEach(child -> walk(child, allowed, problems));
    }
}
