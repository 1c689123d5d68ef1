package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.internal.BpmnPolicy;
import cn.healthcard.workflow.internal.ExpressionBeanNames;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one way a person deploys a process model (BPM-05, docs/decisions/018): admins only, the model checked first,
 * the deployment audited ({@link ProcessDeployed}, written by the engine's post-deployer for every deployment).
 * The engine REST API and the webapps cannot deploy. The in-app modeler deploys through here.
 *
 * <p>Checks: the XML is BPMN the engine can read; every executable process sets {@code historyTimeToLive}; every
 * {@code camunda:delegateExpression} is {@code ${bean}} naming a bean BPMN may use ({@link #expressionBeans()});
 * no {@code camunda:class} (it instantiates any class, outside the bean allow-list) and no scripts (script tasks,
 * script listeners or script conditions) — {@link BpmnPolicy}, which the engine also applies to every deployment,
 * however it is made.
 */
@Service
public class ProcessDeployments {

    /** The deployment source of deployments made here. */
    public static final String SOURCE = "healthcard-admin";

    private final RepositoryService repository;
    private final IdentityService identity;
    private final Supplier<Set<String>> expressionBeans;

    ProcessDeployments(RepositoryService repository, IdentityService identity, ExpressionBeanNames expressionBeans) {
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
        return BpmnPolicy.violations(bpmnXml == null ? new byte[0] : bpmnXml.getBytes(StandardCharsets.UTF_8),
                expressionBeans.get());
    }
}
