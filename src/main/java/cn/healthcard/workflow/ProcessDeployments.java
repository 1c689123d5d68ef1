package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a person deploys a process model (BPM-05, docs/decisions/018): admins only, the model checked first,
 * the deployment audited ({@link ProcessDeployed}, written by the engine's post-deployer for every deployment).
 * The engine REST API and the webapps cannot deploy. The in-app modeler deploys through here.
 *
 * <p>Checks: the XML is BPMN the engine can read; every executable process sets {@code historyTimeToLive}; every
 * {@code camunda:delegateExpression} is {@code ${bean}} naming a bean BPMN may use ({@link #expressionBeans()});
 * no {@code camunda:class} (it instantiates any class, outside the bean allow-list) and no scripts (script tasks,
 * script listeners or script conditions).
 */
@Service
public class ProcessDeployments {

    /** The deployment source of deployments made here. */
    public static final String SOURCE = "healthcard-admin";

    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final RepositoryService repository;
    private final IdentityService identity;
    private final Supplier<Set<String>> expressionBeans;

    ProcessDeployments(RepositoryService repository, IdentityService identity,
                       cn.healthcard.workflow.internal.ExpressionBeanNames expressionBeans) {
        this.repository = repository;
        this.identity = identity;
        this.expressionBeans = expressionBeans::names;
    }

    /** The bean names BPMN expressions may use (all others do not resolve). */
    @PreAuthorize("hasRole('ADMIN')")
    public Set<String> expressionBeans() {
        return expressionBeans.get();
    }

    /**
     * Checks and deploys one BPMN model as a new deployment (a new version of its processes; unchanged models are
     * not deployed again). Returns the deployment id.
     *
     * @throws DomainValidationException naming what is wrong with the model; nothing is deployed then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public String deploy(String name, String bpmnXml) {
        List<FieldViolation> problems = validate(bpmnXml);
        if (!problems.isEmpty()) {
            throw new DomainValidationException(problems);
        }
        String resource = name.endsWith(".bpmn") ? name : name + ".bpmn";
        // the admin as the engine's user, with their engine groups (camunda-admin): the engine checks its authorizations
        // and records who deployed
        var user = SecurityContextUsers.require();
        identity.setAuthentication(user.username(), identity.createGroupQuery().groupMember(user.username()).list()
                .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            Deployment deployment = repository.createDeployment().name(name).source(SOURCE)
                    .enableDuplicateFiltering(true)
                    .addString(resource, bpmnXml).deploy();
            return deployment.getId();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** What is wrong with a model, empty when it may be deployed. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<FieldViolation> validate(String bpmnXml) {
        List<FieldViolation> problems = new ArrayList<>();
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(
                    bpmnXml == null ? new byte[0] : bpmnXml.getBytes(StandardCharsets.UTF_8)));
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
        Set<String> allowed = expressionBeans.get();
        walk(model.getDocument().getRootElement(), allowed, problems);
        return problems;
    }

    private static void walk(DomElement element, Set<String> allowed, List<FieldViolation> problems) {
        String where = element.getLocalName() + " " + (element.getAttribute("id") == null ? "" : element.getAttribute("id"));
        if (element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "class")) {
            problems.add(new FieldViolation(where.trim(), "不允许 camunda:class，请用允许的委托 bean"));
        }
        if (element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "delegateExpression")) {
            String expression = element.getAttribute(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            Matcher bean = DELEGATE_EXPRESSION.matcher(expression == null ? "" : expression);
            if (!bean.matches() || !allowed.contains(bean.group(1))) {
                problems.add(new FieldViolation(where.trim(), "委托 " + expression + " 不是允许的流程 bean"));
            }
        }
        if ("script".equals(element.getLocalName()) && BpmnModelConstants.CAMUNDA_NS.equals(element.getNamespaceURI())) {
            problems.add(new FieldViolation(where.trim(), "不允许脚本 (camunda:script)"));
        }
        if (element.hasAttribute("language") || element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, "resource")) {
            problems.add(new FieldViolation(where.trim(), "不允许脚本语言或外部脚本资源"));
        }
        element.getChildElements().forEach(child -> walk(child, allowed, problems));
    }
}
