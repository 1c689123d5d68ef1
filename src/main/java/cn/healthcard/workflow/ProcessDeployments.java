package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.common.ConflictException;
import cn.healthcard.security.Role;
import cn.healthcard.workflow.internal.ExpressionBeanNames;
import org.camunda.bpm.engine.IdentityService;
import cn.healthcard.common.NotFoundException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one way a person deploys a process model (BPM-05, docs/decisions/018 and 032): an admin deploys only a change
 * a second admin approved ({@link ApprovedChanges}), checked again against {@link ProcessRules}; the deployment is
 * audited ({@link ProcessDeployed}, written by the engine's post-deployer for every deployment). The engine REST API
 * and the webapps cannot deploy; the engine itself applies the security rules to every new deployment.
 */
@Service
public class ProcessDeployments {

    /** The deployment source of deployments made here. */
    public static final String SOURCE = "healthcard-admin";
    /** The name of the start-up deployment of the shipped files in {@code processes/} (Spring auto-deployment). */
    public static final String SHIPPED = "SpringAutoDeployment";

    /** One deployed version of a process, with its deployment's source and time and its running instances. */
    public record Definition(String id, String key, String name, int version, String deploymentId, String source,
                             Instant deployedAt, long runningInstances) {
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ExpressionBeanNames expressionBeans;
    private final ObjectProvider<ApprovedChanges> approvals;
    private volatile Set<String> formKeys;

    ProcessDeployments(RepositoryService repository, RuntimeService runtime, IdentityService identity,
                       ExpressionBeanNames expressionBeans, ObjectProvider<ApprovedChanges> approvals) {
        this.repository = repository;
        this.runtime = runtime;
        this.identity = identity;
        this.expressionBeans = expressionBeans;
        this.approvals = approvals;
    }

    /** The bean names BPMN expressions may use (all others do not resolve). */
    @PreAuthorize("hasRole('ADMIN')")
    public Set<String> expressionBeans() {
        return expressionBeans.names();
    }

    /** What a model may refer to here: the process beans, the delegates among them, the forms, the roles. */
    public ProcessRules.Known known() {
        return new ProcessRules.Known(expressionBeans.names(), expressionBeans.delegateNames(), formKeys(),
                Arrays.stream(Role.values()).filter(r -> r != Role.APP).map(Role::groupId)
                        .collect(Collectors.toSet()));
    }

    /** The form keys of {@code forms/*.form} on the classpath, sorted. */
    public Set<String> formKeys() {
        Set<String> known = formKeys;
        if (known == null) {
            Set<String> found = new TreeSet<>();
            try {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                    String name = r.getFilename();
                    if (name != null) {
                        found.add(name.substring(0, name.length() - ".form".length()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list forms/", e);
            }
            known = Collections.unmodifiableSet(found);
            formKeys = known;
        }
        return known;
    }

    /** Every problem of a model, empty when it may be deployed (BPM-05). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessRules.Problem> check(String bpmnXml) {
        return check(bpmnXml, null);
    }

    /** As {@link #check(String)}; the executable process must have the id {@code processKey} when it is given. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessRules.Problem> check(String bpmnXml, String processKey) {
        return ProcessRules.check(bpmnXml == null ? new byte[0] : bpmnXml.getBytes(StandardCharsets.UTF_8), known(),
                processKey);
    }

    /** Every deployed version of every process, by key, newest version first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Definition> definitions() {
        Map<String, Deployment> deployments = new HashMap<>();
        repository.createDeploymentQuery().list().forEach(d -> deployments.put(d.getId(), d));
        return repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list().stream()
                .map(d -> definition(d, deployments.get(d.getDeploymentId()))).toList();
    }

    /** One deployed version (404 when there is none). */
    @PreAuthorize("hasRole('ADMIN')")
    public Definition definition(String definitionId) {
        return definition(processDefinition(definitionId), null);
    }

    /** The latest version of a process (404 when there is none). */
    @PreAuthorize("hasRole('ADMIN')")
    public Definition latest(String processKey) {
        ProcessDefinition d = processKey == null ? null : repository.createProcessDefinitionQuery()
                .processDefinitionKey(processKey).latestVersion().singleResult();
        if (d == null) {
            throw new NotFoundException("没有流程 " + processKey);
        }
        return definition(d, null);
    }

    /** The BPMN XML of one deployed version (404 when there is none). */
    @PreAuthorize("hasRole('ADMIN')")
    public String xml(String definitionId) {
        try (InputStream in = repository.getProcessModel(processDefinition(definitionId).getId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessDefinition processDefinition(String definitionId) {
        ProcessDefinition d = definitionId == null || definitionId.length() > 100 ? null
                : repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
        if (d == null) {
            throw new NotFoundException("没有流程版本 " + definitionId);
        }
        return d;
    }

    private Definition definition(ProcessDefinition d, Deployment known) {
        Deployment deployment = known != null ? known
                : repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
        return new Definition(d.getId(), d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion(),
                d.getDeploymentId(), deployment == null ? null : deployment.getSource(),
                deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant(),
                runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count());
    }

    /**
     * Deploys an approved change as a new version of its process (an unchanged model is not deployed again) and
     * returns the version deployed. The caller must be the admin who approved it, and not the one who submitted it.
     *
     * @throws ConflictException {@code NOT_APPROVED} when the change is not approved or already deployed
     * @throws AccessDeniedException when the caller did not approve it, or submitted it
     * @throws DomainValidationException naming what is wrong with the model; nothing is deployed then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Definition deployApproved(String changeId) {
        var user = SecurityContextUsers.require();
        var change = approvals.getIfAvailable(() -> id -> java.util.Optional.empty()).approvedNotDeployed(changeId)
                .orElseThrow(() -> new ConflictException("NOT_APPROVED", "变更未经第二位管理员批准或已部署"));
        if (!user.username().equals(change.approvedBy()) || user.username().equals(change.submittedBy())) {
            throw new AccessDeniedException("only the approving admin, who did not submit it, deploys a change");
        }
        List<ProcessRules.Problem> problems = check(change.xml(), change.processKey());
        if (!problems.isEmpty()) {
            throw new DomainValidationException(problems.stream()
                    .map(p -> new FieldViolation(p.elementId(), p.rule() + " " + p.message())).toList());
        }
        // the admin as the engine's user, with their engine groups (camunda-admin): the engine checks its authorizations
        // and records who deployed
        identity.setAuthentication(user.username(), identity.createGroupQuery().groupMember(user.username()).list()
                .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            // no duplicate filtering: an approved change always becomes a new version, so a roll back to an earlier
            // admin version is deployed even when its XML equals an older deployment of the same name (review 15 #4)
            Deployment deployment = repository.createDeployment().name(change.processKey()).source(SOURCE)
                    .addString(change.processKey() + ".bpmn", change.xml()).deploy();
            ProcessDefinition deployed = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                    .processDefinitionKey(change.processKey()).singleResult();
            if (deployed == null || !deployed.getId().equals(repository.createProcessDefinitionQuery()
                    .processDefinitionKey(change.processKey()).latestVersion().singleResult().getId())) {
                throw new ConflictException("NOT_DEPLOYED", "变更未部署为最新版本");
            }
            return definition(deployed, deployment);
        } finally {
            identity.clearAuthentication();
        }
    }
}
