package cn.healthcard.audit;

import cn.healthcard.card.CardService;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.ApplicationView;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.issuance.PickupData;
import cn.healthcard.workflow.Review;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * User tasks in the audit log (BPM-03, SEC-03): every task created, claimed, unclaimed, completed or cancelled is an
 * entry about the task, written from the engine's history in the transaction of the engine change, on the task's case
 * and in its region ({@code docs/decisions/008}).
 */
@IntegrationTest
class TaskAuditIT {

    private static final String REGION = "110105";

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired AuditLog auditLog;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired TransactionTemplate tx;
    @Autowired TestUsers users;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    @Test
    @DisplayName("BPM-03 SEC-03 task created, claimed, unclaimed, completed are audited with actor, case and region")
    void reviewTaskTrail() {
        String id = scenario.submit("clerk", TestResidents.newResident("沈立新")).applicationId();
        TaskRef review = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);

        users.run("supervisor", () -> inbox.claim(review.taskId()));
        users.run("supervisor", () -> inbox.unclaim(review.taskId()));
        users.as("lead", () -> applications.review(review.taskId(), Review.of(Review.Outcome.APPROVE, null)));

        List<AuditLog.Entry> trail = trail(review.taskId());
        assertThat(trail).extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor, AuditLog.Entry::detail)
                .containsExactly(
                        tuple("TaskCreated", "clerk", "reviewApplication 申领审核"),
                        tuple("TaskClaimed", "supervisor", "reviewApplication 申领审核, assignee=supervisor"),
                        tuple("TaskUnclaimed", "supervisor", "reviewApplication 申领审核, assignee=supervisor"),
                        tuple("TaskClaimed", "lead", "reviewApplication 申领审核, assignee=lead"),
                        tuple("TaskCompleted", "lead", "reviewApplication 申领审核, assignee=lead"));
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.subjectType()).isEqualTo("Task");
            assertThat(e.subjectId()).isEqualTo(review.taskId());
            assertThat(e.caseRef()).isEqualTo(id);
            assertThat(e.regionCode()).isEqualTo(REGION);
        });
        assertThat(trail.get(1).institutionCode()).isNotNull();
        // the completion is recorded right after the review decision it carries, in the same transaction
        assertThat(users.as("auditor", () -> auditLog.about("CardApplication", id)))
                .filteredOn(e -> e.eventType().equals("CardApplicationReviewed")).singleElement()
                .satisfies(reviewed -> assertThat(reviewed.id()).isLessThan(trail.get(4).id()));
    }

    @Test
    @DisplayName("BPM-03 the pick-up task (created as system, done by the clerk) is audited on the card's case")
    void pickupTaskTrail() {
        String id = scenario.submit("clerk", TestResidents.newResident("许文博")).applicationId();
        scenario.review("supervisor", id, Review.Outcome.APPROVE, null);
        ApplicationView ready = scenario.awaitStatus("clerk", id, ApplicationStatus.READY);
        TaskRef pickup = scenario.task("clerk", id, CardApplicationService.PICKUP_TASK);
        users.as("clerk", () -> applications.registerPickup(pickup.taskId(),
                new PickupData(true, null, null, null, true, null)));

        List<AuditLog.Entry> trail = trail(pickup.taskId());
        assertThat(trail).extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor)
                .containsExactly(tuple("TaskCreated", "system"), tuple("TaskClaimed", "clerk"),
                        tuple("TaskCompleted", "clerk"));
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.caseRef()).isEqualTo(id);
            assertThat(e.regionCode()).isEqualTo(REGION);
            assertThat(e.cardNo()).isEqualTo(ready.cardNo());
            assertThat(e.detail()).startsWith("registerPickUp 领卡登记");
        });
    }

    @Test
    @DisplayName("BPM-03 SEC-03 a task completion that rolls back leaves no TaskCompleted entry: same transaction")
    void rolledBackCompletionLeavesNoEntry() {
        String id = scenario.submit("clerk", TestResidents.newResident("蒋思远")).applicationId();
        TaskRef review = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            users.as("supervisor", () -> applications.review(review.taskId(), Review.of(Review.Outcome.APPROVE, null)));
            // written inside the transaction of the completion ...
            assertThat(trail(review.taskId())).extracting(AuditLog.Entry::eventType)
                    .containsExactly("TaskCreated", "TaskClaimed", "TaskCompleted");
            throw new IllegalStateException("the completion's transaction fails after the engine completed the task");
        })).isInstanceOf(IllegalStateException.class);

        // ... and gone with it, while the task is still open
        assertThat(trail(review.taskId())).extracting(AuditLog.Entry::eventType).containsExactly("TaskCreated");
        assertThat(scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK).taskId())
                .isEqualTo(review.taskId());
        assertThat(users.as("supervisor", () -> applications.get(id)).status()).isEqualTo(ApplicationStatus.SUBMITTED);

        scenario.review("supervisor", id, Review.Outcome.APPROVE, null);
        assertThat(trail(review.taskId())).extracting(AuditLog.Entry::eventType)
                .containsExactly("TaskCreated", "TaskClaimed", "TaskCompleted");
    }

    @Test
    @DisplayName("BPM-03 SEC-03 the escalation's hand-over to the group lead is a claim for her, by the system")
    void escalationIsAnAssignment() {
        String id = scenario.submit("clerk", TestResidents.newResident("彭雅琴")).applicationId();
        String processInstanceId = processInstance(id);
        management.executeJob(management.createJobQuery().processInstanceId(processInstanceId).timers()
                .singleResult().getId());
        TaskRef review = scenario.task("lead", id, CardApplicationService.REVIEW_TASK);

        assertThat(trail(review.taskId())).extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor,
                        AuditLog.Entry::detail)
                .containsExactly(tuple("TaskCreated", "clerk", "reviewApplication 申领审核"),
                        tuple("TaskClaimed", "system", "reviewApplication 申领审核, assignee=lead"));
    }

    @Test
    @DisplayName("BPM-03 SEC-03 a task ended by deleting its process instance (Cockpit) is audited as TaskCancelled")
    void cancelledTask() {
        String id = scenario.submit("clerk", TestResidents.newResident("韦国栋")).applicationId();
        TaskRef review = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);

        users.run("admin", () -> runtime.deleteProcessInstance(processInstance(id), "测试撤销"));

        List<AuditLog.Entry> trail = trail(review.taskId());
        assertThat(trail).extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor)
                .containsExactly(tuple("TaskCreated", "clerk"), tuple("TaskCancelled", "admin"));
        assertThat(trail.get(1).detail()).isEqualTo("reviewApplication 申领审核, reason=测试撤销");
        assertThat(trail.get(1).caseRef()).isEqualTo(id);
        assertThat(trail.get(1).regionCode()).isEqualTo(REGION);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(review.taskId()).singleResult().getDeleteReason())
                .isEqualTo("测试撤销");
    }

    private List<AuditLog.Entry> trail(String taskId) {
        return users.as("auditor", () -> auditLog.about("Task", taskId));
    }

    private String processInstance(String applicationId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(applicationId).singleResult().getId();
    }
}
