package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.common.ConflictException;
import cn.healthcard.security.Role;
import cn.healthcard.workflow.internal.ExpressionBeanNames;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
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

    private final RepositoryService repository;
    private final IdentityService identity;
    private final ExpressionBeanNames expressionBeans;
    private final ObjectProvider<ApprovedChanges> approvals;
    private volatile Set<String> formKeys;

    ProcessDeployments(RepositoryService repository, IdentityService identity, ExpressionBeanNames expressionBeans,
                       ObjectProvider<ApprovedChanges> approvals) {
        this.repository = repository;
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
        return ProcessRules.check(bpmnXml == null ? new byte[0] : bpmnXml.getBytes(StandardCharsets.UTF_8), known());
    }

    /**
     * Deploys an approved change as a new version of its process (an unchanged model is not deployed again) and
     * returns the deployment id. The caller must be the admin who approved it, and not the one who submitted it.
     *
     * @throws ConflictException {@code NOT_APPROVED} when the change is not approved or already deployed
     * @throws AccessDeniedException when the caller did not approve it, or submitted it
     * @throws DomainValidationException naming what is wrong with the model; nothing is deployed then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public String deployApproved(String changeId) {
        var user = SecurityContextUsers.require();
        var change = approvals.getIfAvailable(() -> id -> java.util.Optional.empty()).approvedNotDeployed(changeId)
                .orElseThrow(() -> new ConflictException("NOT_APPROVED", "变更未经第二位管理员批准或已部署"));
        if (!user.username().equals(change.approvedBy()) || user.username().equals(change.submittedBy())) {
            throw new AccessDeniedException("only the approving admin, who did not submit it, deploys a change");
        }
        List<ProcessRules.Problem> problems = check(change.xml());
        if (!problems.isEmpty()) {
            throw new DomainValidationException(problems.stream()
                    .map(p -> new FieldViolation(p.elementId(), p.rule() + " " + p.message())).toList());
        }
        // the admin as the engine's user, with their engine groups (camunda-admin): the engine checks its authorizations
        // and records who deployed
        identity.setAuthentication(user.username(), identity.createGroupQuery().groupMember(user.username()).list()
                .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            Deployment deployment = repository.createDeployment().name(change.processKey()).source(SOURCE)
                    .enableDuplicateFiltering(true)
                    .addString(change.processKey() + ".bpmn", change.xml()).deploy();
            return deployment.getId();
        } finally {
            identity.clearAuthentication();
        }
    }
}
