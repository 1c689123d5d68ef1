package cn.healthcard.processadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.issuance.PickupData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.ProcessDeployments;
import cn.healthcard.workflow.ProcessMigrations;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.access.AccessDeniedException;

/**
 * The issue's evidence (BPM-05): a modified card-application process — an extra approval step for a new candidate
 * group — deployed through the reviewed change, running instances migrated, old and new instances completed; then
 * rolled back through the same reviewed change. Also: a restart with unchanged shipped files keeps the admin's
 * version latest.
 */
@IntegrationTest
public class ProcessChangeIT {

    static final String KEY = "card-application";
    static final String EXTRA = "secondApproval";

    @Autowired ProcessChangeService changes;
    @Autowired ProcessAdminService processes;
    @Autowired ProcessMigrations migrations;
    @Autowired ProcessDeployments deployments;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired AuditLog auditLog;
    @Autowired TestUsers users;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    /** The card-application model with an extra approval by the auditors between the review and production. */
    public static String withExtraApproval(String xml) {
        return xml.replace("sourceRef=\"reviewDecisionGateway\" targetRef=\"requestCardProduction\"",
                        "sourceRef=\"reviewDecisionGateway\" targetRef=\"" + EXTRA + "\"")
                .replace("<bpmn:incoming>Flow_approved</bpmn:incoming>",
                        "<bpmn:incoming>Flow_secondApproved</bpmn:incoming>")
                .replace("  </bpmn:process>", "    <bpmn:userTask id=\"" + EXTRA + "\" name=\"稽核确认\" "
                        + "camunda:candidateGroups=\"AUDITOR\" camunda:formKey=\"review-application\">\n"
                        + "      <bpmn:incoming>Flow_approved</bpmn:incoming>\n"
                        + "      <bpmn:outgoing>Flow_secondApproved</bpmn:outgoing>\n"
                        + "    </bpmn:userTask>\n"
                        + "    <bpmn:sequenceFlow id=\"Flow_secondApproved\" sourceRef=\"" + EXTRA + "\" "
                        + "targetRef=\"requestCardProduction\" />\n  </bpmn:process>")
                .replace("    </bpmndi:BPMNPlane>", "      <bpmndi:BPMNShape id=\"Shape_" + EXTRA + "\" bpmnElement=\""
                        + EXTRA + "\">\n        <dc:Bounds x=\"700\" y=\"380\" width=\"100\" height=\"80\" />\n"
                        + "      </bpmndi:BPMNShape>\n"
                        + "      <bpmndi:BPMNEdge id=\"Edge_secondApproved\" bpmnElement=\"Flow_secondApproved\">\n"
                        + "        <di:waypoint x=\"800\" y=\"420\" /><di:waypoint x=\"810\" y=\"320\" />\n"
                        + "      </bpmndi:BPMNEdge>\n    </bpmndi:BPMNPlane>");
    }

    private String latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
                .getId();
    }

    private ProcessChangeView approve(String changeId) {
        String task = users.as("admin2", () -> changes.openTask(changeId, ProcessChangeService.REVIEW_TASK));
        return users.as("admin2", () -> changes.review(task, Review.approve()));
    }

    @Test
    @DisplayName("BPM-05 SEC-03 an extra approval step with a new candidate group deployed through the reviewed "
            + "change (not by the submitter alone), running instances migrated, old and new instances completed, "
            + "then rolled back")
    void modifiedCardApplication() {
        String original = latest();
        String baseXml = users.as("admin", () -> processes.xml(original));
        // two cases running on the shipped version: one will be migrated, one left on the old version
        String migrated = scenario.submit("clerk", TestResidents.newResident("迁移甲")).applicationId();
        String left = scenario.submit("clerk", TestResidents.newResident("留守乙")).applicationId();
        TaskRef migratedReview = scenario.task("supervisor", migrated, CardApplicationService.REVIEW_TASK);
        scenario.task("supervisor", left, CardApplicationService.REVIEW_TASK);

        ProcessChangeView submitted = users.as("admin", () -> changes.submit(KEY, original,
                withExtraApproval(baseXml), "增加稽核确认环节"));
        assertThat(submitted.status()).isEqualTo(ProcessChangeStatus.SUBMITTED);
        assertThat(submitted.changeNo()).startsWith("BG");
        assertThat(submitted.diff()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ModelDiff.Kind.ADDED);
            assertThat(e.elementId()).isEqualTo(EXTRA);
            assertThat(e.type()).isEqualTo("userTask");
            assertThat(e.name()).isEqualTo("稽核确认");
        }).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ModelDiff.Kind.CHANGED);
            assertThat(e.elementId()).isEqualTo("Flow_approved");
            assertThat(e.changes()).contains("targetRef: requestCardProduction → " + EXTRA);
        });
        assertThat(latest()).as("nothing deployed before the review").isEqualTo(original);

        // a single admin cannot deploy: not by reviewing their own change, not by calling the deployment directly
        String reviewTask = users.as("admin", () -> changes.openTask(submitted.changeId(),
                ProcessChangeService.REVIEW_TASK));
        assertThatThrownBy(() -> users.as("admin", () -> changes.review(reviewTask, Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("admin", () -> deployments.deployApproved(submitted.changeId())))
                .isInstanceOf(ConflictException.class);
        assertThat(latest()).isEqualTo(original);

        ProcessChangeView deployed = approve(submitted.changeId());
        assertThat(deployed.status()).isEqualTo(ProcessChangeStatus.DEPLOYED);
        assertThat(deployed.reviewedBy()).isEqualTo("admin2");
        String modified = latest();
        assertThat(deployed.definitionId()).isEqualTo(modified).isNotEqualTo(original);
        assertThat(users.as("auditor", () -> auditLog.about("ProcessChange", submitted.changeNo())))
                .extracting(AuditLog.Entry::eventType)
                .contains("ProcessChangeSubmitted", "ProcessChangeReviewed", "ProcessChangeDeployed");
        assertThat(users.as("auditor", () -> auditLog.about("ProcessChange", submitted.changeNo())))
                .filteredOn(e -> e.eventType().equals("ProcessChangeDeployed")).singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin2");
                    assertThat(e.detail()).contains(modified).contains("+" + EXTRA).contains("提交人 admin");
                });
        assertThat(users.as("admin", () -> processes.processes())).filteredOn(p -> p.key().equals(KEY))
                .singleElement().satisfies(p -> {
                    assertThat(p.shippedIsLatest()).isFalse();
                    assertThat(p.versions().get(0).definitionId()).isEqualTo(modified);
                    assertThat(p.versions().get(0).source()).isEqualTo(ProcessAdminService.ADMIN);
                });

        // migration: the plan maps the review; both old cases wait there; migrate only the first one
        ProcessMigrations.Plan plan = users.as("admin", () -> migrations.plan(original, modified));
        assertThat(plan.mapped()).extracting(ProcessMigrations.Mapping::sourceActivityId)
                .contains(CardApplicationService.REVIEW_TASK);
        assertThat(plan.instances()).filteredOn(i -> i.processInstanceId().equals(migratedReview.processInstanceId()))
                .singleElement().satisfies(i -> {
                    assertThat(i.migratable()).isTrue();
                    assertThat(i.activities()).contains(CardApplicationService.REVIEW_TASK);
                });
        String batch = users.as("admin", () -> migrations.migrate(original, modified,
                List.of(migratedReview.processInstanceId())));
        Eventually.await("migration batch " + batch, Duration.ofSeconds(30),
                () -> users.as("admin", () -> migrations.progress(batch)), p -> p.done() || p.completed() == p.total()
                        && p.remaining() == 0);
        Eventually.await("the migrated instance on the new version", Duration.ofSeconds(30),
                () -> runtime.createProcessInstanceQuery().processInstanceId(migratedReview.processInstanceId())
                        .singleResult().getProcessDefinitionId(), modified::equals);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(left).singleResult()
                .getProcessDefinitionId()).isEqualTo(original);

        // a new case starts on the new version; the migrated one and the new one pass the extra step
        String fresh = scenario.submit("clerk", TestResidents.newResident("新版丙")).applicationId();
        for (String id : List.of(migrated, fresh)) {
            scenario.review("supervisor", id, Review.Outcome.APPROVE, null);
            TaskRef extra = scenario.task("auditor", id, EXTRA);
            users.as("auditor", () -> {
                inbox.complete(extra.taskId(), Map.of());
                return null;
            });
        }
        scenario.review("supervisor", left, Review.Outcome.APPROVE, null);
        for (String id : List.of(migrated, fresh, left)) {
            scenario.awaitStatus("clerk", id, ApplicationStatus.READY);
            TaskRef pickup = scenario.task("clerk", id, CardApplicationService.PICKUP_TASK);
            users.as("clerk", () -> applications.registerPickup(pickup.taskId(),
                    new PickupData(true, null, null, null, true, null)));
            assertThat(scenario.awaitStatus("clerk", id, ApplicationStatus.ISSUED).status())
                    .isEqualTo(ApplicationStatus.ISSUED);
        }

        // roll back: the shipped version's XML through the same reviewed change becomes the latest again
        ProcessChangeView rollback = users.as("admin", () -> changes.proposeRollback(original, "撤销稽核确认环节"));
        assertThat(rollback.kind()).isEqualTo(ProcessChangeService.KIND_ROLLBACK);
        assertThat(rollback.diff()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ModelDiff.Kind.REMOVED);
            assertThat(e.elementId()).isEqualTo(EXTRA);
        });
        approve(rollback.changeId());
        assertThat(users.as("admin", () -> processes.xml(latest()))).isEqualTo(baseXml);
        // one admin cannot move instances back to an older version, nor to one that is not the latest (decision 032)
        String rolledBack = latest();
        assertThatThrownBy(() -> users.as("admin", () -> migrations.migrate(rolledBack, modified, List.of())))
                .isInstanceOfSatisfying(cn.healthcard.common.ConflictException.class,
                        e -> assertThat(e.getMessage()).contains("最新版本"));
        assertThatThrownBy(() -> users.as("admin", () -> migrations.migrate(original, modified, List.of())))
                .isInstanceOf(cn.healthcard.common.ConflictException.class);
    }

    @Test
    @DisplayName("BPM-05 SEC-03 a change on an outdated base is refused: at submit (400) and at approval (409 "
            + "BASE_OUTDATED), nothing deployed")
    void staleBase() {
        String base = latest();
        String xml = users.as("admin", () -> processes.xml(base));
        ProcessChangeView first = users.as("admin", () -> changes.submit(KEY, base,
                xml.replace("name=\"申领审核\"", "name=\"申领审核（一）\""), "第一个"));
        ProcessChangeView second = users.as("admin", () -> changes.submit(KEY, base,
                xml.replace("name=\"申领审核\"", "name=\"申领审核（二）\""), "第二个"));
        String firstVersion = approve(first.changeId()).definitionId();
        assertThatThrownBy(() -> approve(second.changeId()))
                .isInstanceOfSatisfying(cn.healthcard.common.ConflictException.class,
                        e -> assertThat(e.getMessage()).contains("基准版本"));
        assertThat(latest()).isEqualTo(firstVersion);
        assertThatThrownBy(() -> users.as("admin", () -> changes.submit(KEY, base, xml, "旧基准")))
                .isInstanceOf(cn.healthcard.common.DomainValidationException.class);
        // put the shipped content back as the latest for the other tests
        approve(users.as("admin", () -> changes.proposeRollback(base, "恢复")).changeId());
    }

    @Test
    @DisplayName("BPM-05 a roll back to an admin version after a shipped release is deployed as a new latest version")
    void rollbackAfterRelease() {
        String base = latest();
        String xml = users.as("admin", () -> processes.xml(base));
        String adminXml = xml.replace("name=\"申领审核\"", "name=\"申领审核（管理员）\"");
        String adminVersion = approve(users.as("admin", () -> changes.submit(KEY, base, adminXml, "管理员版本"))
                .changeId()).definitionId();
        // a release changes the shipped file: the start-up deployment makes it the latest
        repository.createDeployment().name(ProcessDeployments.SHIPPED).addString("processes/card-application.bpmn",
                xml.replace("name=\"申领审核\"", "name=\"申领审核（新发布）\"")).deploy();
        String release = latest();
        assertThat(release).isNotEqualTo(adminVersion);
        ProcessChangeView rollback = users.as("admin", () -> changes.proposeRollback(adminVersion, "回到管理员版本"));
        String rolledBack = approve(rollback.changeId()).definitionId();
        assertThat(latest()).isEqualTo(rolledBack).isNotEqualTo(release).isNotEqualTo(adminVersion);
        assertThat(users.as("admin", () -> processes.xml(latest()))).isEqualTo(adminXml);
        approve(users.as("admin", () -> changes.proposeRollback(base, "恢复")).changeId());
    }

    @Test
    @DisplayName("BPM-05 SEC-03 a model failing a check is refused with its problems, nothing saved; the submitter "
            + "cannot send it round the review by approving the revision either")
    void checksAndReturn() {
        String base = latest();
        String xml = users.as("admin", () -> processes.xml(base));
        String bad = xml.replace("camunda:candidateGroups=\"SUPERVISOR\"", "camunda:candidateGroups=\"HACKERS\"");
        assertThatThrownBy(() -> users.as("admin", () -> changes.submit(KEY, base, bad, "坏的")))
                .isInstanceOfSatisfying(ProcessCheckFailedException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.rule()).isEqualTo("GROUP_UNKNOWN");
                            assertThat(p.elementId()).isEqualTo(CardApplicationService.REVIEW_TASK);
                        }));
        assertThatThrownBy(() -> users.as("supervisor", () -> changes.submit(KEY, base, xml, "x")))
                .isInstanceOf(AccessDeniedException.class);
        String renamed = xml.replace("name=\"申领审核\"", "name=\"申领审核（改）\"");
        ProcessChangeView change = users.as("admin", () -> changes.submit(KEY, base, renamed, "改名"));
        String task = users.as("admin2", () -> changes.openTask(change.changeId(), ProcessChangeService.REVIEW_TASK));
        assertThat(users.as("admin2", () -> changes.review(task, Review.sendBack("请说明原因"))).status())
                .isEqualTo(ProcessChangeStatus.RETURNED);
        // only the submitter revises (so no one else's content can be approved by its author); the submitter still
        // may not approve the revision
        String revise = users.as("admin2", () -> changes.openTask(change.changeId(), ProcessChangeService.REVISE_TASK));
        assertThatThrownBy(() -> users.as("admin2", () -> changes.resubmit(revise, renamed, "改名：统一称呼")))
                .isInstanceOf(AccessDeniedException.class);
        users.as("admin", () -> changes.resubmit(revise, renamed, "改名：统一称呼"));
        String again = users.as("admin", () -> changes.openTask(change.changeId(), ProcessChangeService.REVIEW_TASK));
        assertThatThrownBy(() -> users.as("admin", () -> changes.review(again, Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(users.as("admin2", () -> changes.review(again, Review.reject("不需要"))).status())
                .isEqualTo(ProcessChangeStatus.REJECTED);
        assertThat(latest()).isEqualTo(base);
    }

    @Test
    @DisplayName("BPM-05 a restart with unchanged shipped files keeps an admin's version latest (deploy-changed-only)")
    void restartKeepsAdminVersion() throws IOException {
        String base = latest();
        String xml = users.as("admin", () -> processes.xml(base));
        ProcessChangeView change = users.as("admin", () -> changes.submit(KEY, base,
                xml.replace("name=\"申领审核\"", "name=\"申领审核（重启测试）\""), "重启测试"));
        String adminVersion = approve(change.changeId()).definitionId();
        // what the start-up deployment does (SpringTransactionsProcessEngineConfiguration#autoDeployResources with
        // deployChangedOnly, set by ShippedProcessesDeployment)
        DeploymentBuilder restart = repository.createDeployment().name(ProcessDeployments.SHIPPED)
                .enableDuplicateFiltering(true);
        String startup = repository.createDeploymentQuery().deploymentName(ProcessDeployments.SHIPPED)
                .orderByDeploymentTime().asc().listPage(0, 1).get(0).getId();
        Map<String, Resource> shipped = new java.util.HashMap<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
            shipped.put(r.getFilename(), r);
        }
        for (String name : repository.getDeploymentResourceNames(startup)) {
            Resource r = shipped.get(name.substring(name.lastIndexOf('/') + 1));
            if (r != null) {
                restart.addInputStream(name, r.getInputStream());
            }
        }
        restart.deploy();
        assertThat(latest()).isEqualTo(adminVersion);
        // and the start-up deployment really is deploy-changed-only (fails if ShippedProcessesDeployment is removed)
        assertThat(((org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration) engine
                .getProcessEngineConfiguration()).isDeployChangedOnly()).isTrue();
        // put the shipped content back as the latest for the other tests
        approve(users.as("admin", () -> changes.proposeRollback(base, "恢复")).changeId());
        assertThat(users.as("admin", () -> processes.xml(latest()))).isEqualTo(xml);
    }
}
