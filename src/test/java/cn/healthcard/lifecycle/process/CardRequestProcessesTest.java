package cn.healthcard.lifecycle.process;

// Only BpmnAwareTests is imported statically; plain values use AssertJ's Assertions by name (no ambiguity).
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import cn.healthcard.workflow.ProcessHarness;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fast tier of the card lifecycle process tests (design.md §4 item 5) on the {@link ProcessHarness}: an in-memory
 * engine, the BPMN files as deployed, and recording delegates instead of the Spring beans. Every path of
 * {@code loss-report}, {@code unloss}, {@code unlock}, {@code cancellation} (one shape, so parameterized) and
 * {@code replacement} is walked, asserting which delegates ran, in which order, and for which business key.
 */
class CardRequestProcessesTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("card-request-processes-test");

    static final String LOSS_REPORT = "processes/loss-report.bpmn";
    static final String UNLOSS = "processes/unloss.bpmn";
    static final String UNLOCK = "processes/unlock.bpmn";
    static final String CANCELLATION = "processes/cancellation.bpmn";
    static final String REPLACEMENT_BPMN = "processes/replacement.bpmn";
    static final String REPLACEMENT = "replacement";

    static final String REQUEST_ID = "RQ11010520250101000001";
    static final String CARD_NO = "1101050000000001";
    static final String NEW_CARD_NO = "1101050000000002";
    static final String TEMPORARY_CARD_NO = "T1101050000000001";

    /** The four processes of one shape: key and the requirement it implements. */
    static Stream<Arguments> simpleProcesses() {
        return Stream.of(Arguments.of("loss-report", "LC-01"), Arguments.of("unloss", "LC-02"),
                Arguments.of("unlock", "LC-03"), Arguments.of("cancellation", "LC-06"));
    }

    /** Injected by the extension. */
    ProcessEngine processEngine;

    final ProcessHarness harness = new ProcessHarness(REQUEST_ID);
    /** The system check's result for the next calls of {@code checkCardRequestDelegate}. */
    boolean checkPasses = true;
    /** How many of the next calls to the card maker fail. */
    final AtomicInteger productionFailures = new AtomicInteger();

    @BeforeEach
    void registerDelegates() {
        harness.init(processEngine);
        harness.record("checkCardRequest", execution -> {
            execution.setVariable("checkPassed", checkPasses);
            execution.setVariable("checkMessage", checkPasses ? null : "卡片 " + CARD_NO + " 已有在办业务");
        });
        harness.record("applyCardRequest");
        harness.record("rejectCardRequest");
        harness.record("startReplacement", execution -> execution.setVariable("temporaryCardNo", TEMPORARY_CARD_NO));
        harness.failing("requestReplacementCard", productionFailures);
        harness.record("completeReplacement");
        harness.record("expireTemporaryCard");
    }

    @AfterEach
    void resetMocks() {
        harness.reset();
    }

    /** The variables {@code CardRequestService.submit} starts the process with; business key = request ID. */
    private ProcessInstance startRequest(String process, String temporaryCardValidity) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("requestId", REQUEST_ID);
        variables.put("cardNo", CARD_NO);
        variables.put("regionCode", "110105");
        variables.put("applicantName", "张*");
        variables.put("applicantKeys", "NAMEIDX DOCIDX");
        variables.put("temporaryCardValidity", temporaryCardValidity);
        return harness.start(process, "clerk1", variables);
    }

    private ProcessInstance startRequest(String process) {
        return startRequest(process, "P30D");
    }

    private void review(ProcessInstance pi, String decision, String comment) {
        harness.review(pi, "reviewCardRequest", "card-request-review", decision, comment);
    }

    private void revise(ProcessInstance pi, String process) {
        harness.resubmit(pi, "reviseCardRequest", process + "-revise");
    }

    private String historicValue(ProcessInstance pi, String variable) {
        return harness.historicValue(pi, variable);
    }

    // ------------------------------------------------------------------ loss report, unloss, unlock, cancellation

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01 BPM-02: an approved request is applied and completed")
    void approve(String process, String requirement) {
        ProcessInstance pi = startRequest(process);

        assertThat(pi).isStarted().hasBusinessKey(REQUEST_ID).hasProcessDefinitionKey(process).variables()
                .containsEntry("initiator", "clerk1").containsEntry("checkPassed", true)
                .containsEntry("requestId", REQUEST_ID).containsEntry("cardNo", CARD_NO);
        harness.assertCalled("checkCardRequest");
        review(pi, "APPROVE", null);

        assertThat(pi).isEnded().hasPassedInOrder("requestRegistered", "checkJoin", "checkCardRequest",
                        "checkPassedGateway", "reviewCardRequest", "reviewDecisionGateway", "applyCardRequest",
                        "requestCompleted")
                .hasNotPassed("reviseCardRequest", "rejectJoin", "rejectCardRequest", "requestRejected");
        harness.assertCalled("checkCardRequest", "applyCardRequest");
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01 BPM-02: a request sent back goes to the clerk, is checked again, reviewed again and applied")
    void sendBackForRevision(String process, String requirement) {
        ProcessInstance pi = startRequest(process);
        review(pi, "RETURN", "证件号码有误");

        revise(pi, process);

        harness.assertCalled("checkCardRequest", "checkCardRequest");
        review(pi, "APPROVE", null);

        assertThat(pi).isEnded()
                .hasPassedInOrder("checkCardRequest", "reviewCardRequest", "reviseCardRequest", "checkJoin",
                        "checkCardRequest", "reviewCardRequest", "applyCardRequest", "requestCompleted")
                .hasNotPassed("rejectCardRequest", "requestRejected");
        harness.assertCalled("checkCardRequest", "checkCardRequest", "applyCardRequest");
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("reviewCardRequest").count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01: a revised request that fails the check again is rejected without a second review")
    void sendBackThenCheckFails(String process, String requirement) {
        ProcessInstance pi = startRequest(process);
        review(pi, "RETURN", "证件号码有误");
        checkPasses = false;

        revise(pi, process);

        assertThat(pi).isEnded().hasPassedInOrder("reviseCardRequest", "checkCardRequest", "rejectJoin",
                "rejectCardRequest", "requestRejected").hasNotPassed("applyCardRequest", "requestCompleted");
        harness.assertCalled("checkCardRequest", "checkCardRequest", "rejectCardRequest");
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("reviewCardRequest").count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01: a rejected request (with a reason) is closed without taking effect")
    void reject(String process, String requirement) {
        ProcessInstance pi = startRequest(process);
        review(pi, "REJECT", "材料不全，不予办理");

        assertThat(pi).isEnded().hasPassedInOrder("reviewCardRequest", "reviewDecisionGateway", "rejectJoin",
                "rejectCardRequest", "requestRejected").hasNotPassed("applyCardRequest", "requestCompleted",
                "reviseCardRequest");
        harness.assertCalled("checkCardRequest", "rejectCardRequest");
        Assertions.assertThat(historicValue(pi, "reviewComment")).isEqualTo("材料不全，不予办理");
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01: a request that fails the system check is rejected without review")
    void checkFailedAtStart(String process, String requirement) {
        checkPasses = false;

        ProcessInstance pi = startRequest(process);

        assertThat(pi).isEnded().hasPassedInOrder("checkCardRequest", "checkPassedGateway", "rejectJoin",
                "rejectCardRequest", "requestRejected").hasNotPassed("reviewCardRequest", "applyCardRequest");
        harness.assertCalled("checkCardRequest", "rejectCardRequest");
        Assertions.assertThat(historicValue(pi, "checkMessage")).contains("已有在办业务");
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01: a review decision other than APPROVE, RETURN or REJECT is refused and the review stays open")
    void unknownDecision(String process, String requirement) {
        ProcessInstance pi = startRequest(process);
        String reviewTaskId = task("reviewCardRequest", pi).getId();

        Assertions.assertThatThrownBy(() -> taskService().complete(reviewTaskId, withVariables("reviewDecision", "MAYBE")))
                .isInstanceOf(ProcessEngineException.class);

        assertThat(pi).isWaitingAt("reviewCardRequest");
        assertThat(task("reviewCardRequest", pi)).hasId(reviewTaskId);
        harness.assertCalled("checkCardRequest");
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("simpleProcesses")
    @Deployment(resources = {LOSS_REPORT, UNLOSS, UNLOCK, CANCELLATION})
    @DisplayName("LC-01 LC-02 LC-03 LC-06 LC-08 BPM-01: a sent-back request the clerk withdraws ends as withdrawn, not checked again and not applied")
    void sendBackThenWithdraw(String process, String requirement) {
        ProcessInstance pi = startRequest(process);
        review(pi, "RETURN", "证件号码有误");

        harness.withdraw(pi, "reviseCardRequest", process + "-revise", "申请人不再办理");

        assertThat(pi).isEnded().hasPassedInOrder("reviewCardRequest", "reviseCardRequest", "reviseDecisionGateway",
                "requestWithdrawn").hasNotPassed("applyCardRequest", "rejectCardRequest", "requestCompleted");
        harness.assertCalled("checkCardRequest");
        Assertions.assertThat(historicValue(pi, "reviseAction")).isEqualTo("WITHDRAW");
        Assertions.assertThat(historicValue(pi, "withdrawReason")).isEqualTo("申请人不再办理");
    }

    // ------------------------------------------------------------------ replacement

    /** Start, pass the check, approve: the process stops before the card maker call (asyncBefore). */
    private ProcessInstance approvedReplacement(String temporaryCardValidity) {
        ProcessInstance pi = startRequest(REPLACEMENT, temporaryCardValidity);
        review(pi, "APPROVE", null);
        assertThat(pi).isWaitingAt("requestReplacementCard");
        return pi;
    }

    private ProcessInstance approvedReplacement() {
        return approvedReplacement("P30D");
    }

    private void newCardProduced() {
        runtimeService().createMessageCorrelation("ReplacementCardProduced").processInstanceBusinessKey(REQUEST_ID)
                .setVariable("newCardNo", NEW_CARD_NO).correlate();
    }

    private void pickUp(ProcessInstance pi) {
        harness.completeTask(pi, "registerReplacementPickUp", "CLERK", "replacement-pickup", Map.of());
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 LC-05 LC-08 BPM-01 BPM-02 BPM-04: an approved replacement orders the new card, waits for it, registers the pick-up and completes")
    void replacementApprovePathEndToEnd() {
        ProcessInstance pi = startRequest(REPLACEMENT);
        assertThat(pi).isStarted().hasBusinessKey(REQUEST_ID).variables()
                .containsEntry("initiator", "clerk1").containsEntry("checkPassed", true)
                .containsEntry("temporaryCardValidity", "P30D");
        review(pi, "APPROVE", null);

        // asyncBefore: the supervisor's transaction ends after startReplacement, before the card maker is called
        assertThat(pi).isWaitingAt("requestReplacementCard").variables().containsEntry("temporaryCardNo", TEMPORARY_CARD_NO);
        harness.assertCalled("checkCardRequest", "startReplacement");
        Assertions.assertThat(job("temporaryCardValidityOver", pi)).isNotNull();
        execute(job("requestReplacementCard", pi));

        assertThat(pi).isWaitingAt("replacementCardProduced");
        Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName("ReplacementCardProduced").count()).isEqualTo(1);
        newCardProduced();

        assertThat(pi).variables().containsEntry("newCardNo", NEW_CARD_NO);
        pickUp(pi);

        assertThat(pi).isEnded().hasPassedInOrder("requestRegistered", "checkCardRequest", "reviewCardRequest",
                        "startReplacement", "newCardStart", "requestReplacementCard", "replacementCardProduced",
                        "registerReplacementPickUp", "completeReplacement", "newCardIssued", "requestCompleted")
                .hasPassed("awaitNewCard")
                .hasNotPassed("reviseCardRequest", "rejectCardRequest", "requestRejected", "temporaryCardValidityOver",
                        "expireTemporaryCard", "temporaryCardExpired");
        harness.assertCalled("checkCardRequest", "startReplacement", "requestReplacementCard", "completeReplacement");
        // the boundary timer was armed and removed unfired when the sub-process completed
        Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId())
                .activityIdIn("temporaryCardValidityOver").creationLog().count()).isEqualTo(1);
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId())
                .activityIdIn("temporaryCardValidityOver").deletionLog().count()).isEqualTo(1);
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId())
                .activityIdIn("temporaryCardValidityOver").successLog().count()).isZero();
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 BPM-04: a failing card maker call is tried three times (R3/PT30S), then raises an incident an admin can retry")
    void replacementProductionFailureAndRetry() {
        productionFailures.set(Integer.MAX_VALUE);
        ProcessInstance pi = approvedReplacement();
        String jobId = job("requestReplacementCard", pi).getId();

        for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
            Instant failedAt = Instant.now();
            Assertions.assertThatThrownBy(() -> managementService().executeJob(jobId))
                    .hasMessageContaining("requestReplacementCard unreachable");
            Job failed = jobQuery().jobId(jobId).singleResult();
            Assertions.assertThat(failed.getRetries()).isEqualTo(expectedRetries);
            Assertions.assertThat(failed.getExceptionMessage()).contains("requestReplacementCard unreachable");
            if (expectedRetries > 0) {
                Assertions.assertThat(failed.getDuedate().toInstant()).isBetween(
                        failedAt.plusSeconds(30).minusSeconds(5), Instant.now().plusSeconds(30).plusSeconds(1));
            }
        }
        Assertions.assertThat(harness.calls()).filteredOn(c -> c.startsWith("requestReplacementCard")).hasSize(3);
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo("requestReplacementCard");
        Assertions.assertThat(incident.getConfiguration()).isEqualTo(jobId);
        assertThat(pi).isWaitingAt("requestReplacementCard");
        // the temporary card's timer is not affected by the incident
        Assertions.assertThat(job("temporaryCardValidityOver", pi)).isNotNull();

        productionFailures.set(0);
        managementService().setJobRetries(jobId, 1);
        execute(jobQuery().jobId(jobId).singleResult());

        assertThat(pi).isWaitingAt("replacementCardProduced");
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(historyService().createHistoricIncidentQuery().processInstanceId(pi.getId()).resolved().count())
                .isEqualTo(1);
        harness.assertCalled("checkCardRequest", "startReplacement", "requestReplacementCard",
                "requestReplacementCard", "requestReplacementCard", "requestReplacementCard");

        newCardProduced();
        pickUp(pi);
        assertThat(pi).isEnded().hasPassed("completeReplacement", "requestCompleted");
    }

    /**
     * "P30D" is the configured value; "PT720H" is the same 30 days as {@code CardRequestService} actually sends it
     * ({@code Duration.ofDays(30).toString()}).
     */
    @ParameterizedTest(name = "temporaryCardValidity {0}")
    @ValueSource(strings = {"P30D", "PT720H"})
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-05 BPM-01: the temporary card expires after its validity (non-interrupting timer) while the new card is still awaited")
    void temporaryCardExpires(String temporaryCardValidity) {
        Instant started = Instant.now();
        ProcessInstance pi = approvedReplacement(temporaryCardValidity);

        Job timer = job("temporaryCardValidityOver", pi);
        Assertions.assertThat(timer).isNotNull();
        Assertions.assertThat(timer.getDuedate().toInstant()).isBetween(
                started.plus(Duration.ofDays(30)).minusSeconds(5), Instant.now().plus(Duration.ofDays(30)));

        // the card maker is called; the new card is being made
        execute(job("requestReplacementCard", pi));
        assertThat(pi).isWaitingAt("replacementCardProduced");
        execute(timer);

        harness.assertCalled("checkCardRequest", "startReplacement", "requestReplacementCard", "expireTemporaryCard");
        assertThat(pi).isNotEnded().isWaitingAt("replacementCardProduced")
                .hasPassed("temporaryCardValidityOver", "expireTemporaryCard", "temporaryCardExpired")
                .hasNotPassed("requestCompleted");
        Assertions.assertThat(runtimeService().getActivityInstance(pi.getId()).getActivityInstances("awaitNewCard"))
                .hasSize(1);
        Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName("ReplacementCardProduced").count()).isEqualTo(1);
        // only the production deadline's timer (BPM-04) is left
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isOne();
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId("replacementProductionOverdue").count())
                .isOne();

        // the replacement still completes
        newCardProduced();
        pickUp(pi);
        assertThat(pi).isEnded().hasPassed("completeReplacement", "newCardIssued", "requestCompleted");
        harness.assertCalled("checkCardRequest", "startReplacement", "requestReplacementCard", "expireTemporaryCard",
                "completeReplacement");
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 LC-08 BPM-01 BPM-02: a replacement sent back goes to the clerk, is checked again, reviewed again and started")
    void replacementSendBackForRevision() {
        ProcessInstance pi = startRequest(REPLACEMENT);
        review(pi, "RETURN", "变更内容有误");

        revise(pi, REPLACEMENT);

        harness.assertCalled("checkCardRequest", "checkCardRequest");
        review(pi, "APPROVE", null);

        assertThat(pi).isWaitingAt("requestReplacementCard")
                .hasPassedInOrder("checkCardRequest", "reviewCardRequest", "reviseCardRequest", "checkCardRequest",
                        "reviewCardRequest", "startReplacement");
        harness.assertCalled("checkCardRequest", "checkCardRequest", "startReplacement");
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 LC-08 BPM-01: a rejected replacement (with a reason) is closed: no new card, no temporary card")
    void replacementReject() {
        ProcessInstance pi = startRequest(REPLACEMENT);
        review(pi, "REJECT", "旧卡未交回");

        assertThat(pi).isEnded().hasPassedInOrder("reviewCardRequest", "rejectJoin", "rejectCardRequest",
                "requestRejected").hasNotPassed("startReplacement", "awaitNewCard", "requestCompleted");
        harness.assertCalled("checkCardRequest", "rejectCardRequest");
        Assertions.assertThat(historicValue(pi, "reviewComment")).isEqualTo("旧卡未交回");
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 LC-08 BPM-01: a replacement that fails the system check is rejected without review")
    void replacementCheckFailedAtStart() {
        checkPasses = false;

        ProcessInstance pi = startRequest(REPLACEMENT);

        assertThat(pi).isEnded().hasPassedInOrder("checkCardRequest", "rejectJoin", "rejectCardRequest",
                "requestRejected").hasNotPassed("reviewCardRequest", "startReplacement", "awaitNewCard");
        harness.assertCalled("checkCardRequest", "rejectCardRequest");
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    @Deployment(resources = REPLACEMENT_BPMN)
    @DisplayName("LC-04 LC-08 BPM-01: a sent-back replacement the clerk withdraws ends: no new card, no temporary card")
    void replacementSendBackThenWithdraw() {
        ProcessInstance pi = startRequest(REPLACEMENT);
        review(pi, "RETURN", "变更内容有误");

        harness.withdraw(pi, "reviseCardRequest", "replacement-revise", "申请人不再办理");

        assertThat(pi).isEnded().hasPassed("requestWithdrawn")
                .hasNotPassed("startReplacement", "awaitNewCard", "rejectCardRequest", "requestCompleted");
        harness.assertCalled("checkCardRequest");
        Assertions.assertThat(historyService().createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();
    }
}
