package cn.healthcard.issuance.process;

// Only BpmnAwareTests is imported statically; plain values use AssertJ's Assertions by name (no ambiguity).
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import cn.healthcard.workflow.ProcessHarness;
import org.camunda.bpm.engine.ProcessEngine;
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

/**
 * Fast tier of the {@code card-application} process tests (design.md §4 item 5) on the {@link ProcessHarness}: an
 * in-memory engine, the BPMN file as deployed, and recording delegates instead of the Spring beans. Each test walks
 * one path and asserts which delegates ran, in which order, and for which business key.
 */
@Deployment(resources = "processes/card-application.bpmn")
class CardApplicationProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("card-application-process-test");

    static final String PROCESS = "card-application";
    static final String APPLICATION_ID = "APP-20250101-0001";

    /** Injected by the extension. */
    ProcessEngine processEngine;

    final ProcessHarness harness = new ProcessHarness(APPLICATION_ID);
    /** The system check's result for the next calls of {@code checkApplicationDelegate}. */
    boolean checkPasses = true;
    /** How many of the next calls to the card maker fail. */
    final AtomicInteger productionFailures = new AtomicInteger();

    @BeforeEach
    void registerDelegates() {
        harness.init(processEngine);
        harness.record("checkApplication", execution -> {
            execution.setVariable("checkPassed", checkPasses);
            execution.setVariable("checkMessage", checkPasses ? null : "一人一卡: 该居民另有在办申领或有效卡片");
        });
        harness.record("escalateReview");
        harness.record("rejectApplication");
        harness.failing("requestCardProduction", productionFailures);
        harness.record("activateCard");
    }

    @AfterEach
    void resetMocks() {
        harness.reset();
    }

    /** The variables {@code CardApplicationService.submit} starts the process with; business key = application ID. */
    private ProcessInstance startApplication(String reviewEscalationAfter) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", APPLICATION_ID);
        variables.put("regionCode", "110105");
        variables.put("institutionCode", "110105001");
        variables.put("applicantName", "张*");
        variables.put("applicantKeys", "NAMEIDX DOCIDX");
        variables.put("reviewEscalationAfter", reviewEscalationAfter);
        return harness.start(PROCESS, "clerk1", variables);
    }

    private ProcessInstance startApplication() {
        return startApplication("PT48H");
    }

    private void review(ProcessInstance pi, String decision, String comment) {
        harness.review(pi, "reviewApplication", "review-application", decision, comment);
    }

    @Test
    @DisplayName("APP-01 APP-07 APP-12 BPM-01 BPM-02 BPM-04: approved application is produced, picked up and activated")
    void approvePathEndToEnd() {
        ProcessInstance pi = startApplication();

        assertThat(pi).isStarted().hasBusinessKey(APPLICATION_ID).variables()
                .containsEntry("initiator", "clerk1").containsEntry("checkPassed", true);
        review(pi, "APPROVE", null);

        // asyncBefore: the supervisor's transaction ends before the card maker is called
        assertThat(pi).isWaitingAt("requestCardProduction");
        harness.assertCalled("checkApplication");
        execute(job("requestCardProduction", pi));

        assertThat(pi).isWaitingAt("cardProduced");
        runtimeService().createMessageCorrelation("CardProduced").processInstanceBusinessKey(APPLICATION_ID)
                .setVariable("cardNo", "1101050000000001").correlate();

        assertThat(pi).isWaitingAt("registerPickUp");
        assertThat(task("registerPickUp", pi)).hasCandidateGroup("CLERK").hasFormKey("card-pickup");
        complete(task("registerPickUp", pi));

        assertThat(pi).isEnded().hasPassedInOrder("applicationRegistered", "checkApplication", "reviewApplication",
                "requestCardProduction", "cardProduced", "registerPickUp", "activateCard", "cardIssued")
                .hasNotPassed("rejectApplication", "reviseApplication", "escalateReview");
        harness.assertCalled("checkApplication", "requestCardProduction", "activateCard");
    }

    @Test
    @DisplayName("APP-07 BPM-01 BPM-02: a returned application goes to the clerk, is checked again and reviewed again")
    void sendBackForRevision() {
        ProcessInstance pi = startApplication();
        review(pi, "RETURN", "照片不清晰");

        harness.resubmit(pi, "reviseApplication", "card-application-revise");

        harness.assertCalled("checkApplication", "checkApplication");
        review(pi, "APPROVE", null);

        assertThat(pi).isWaitingAt("requestCardProduction")
                .hasPassedInOrder("checkApplication", "reviewApplication", "reviseApplication", "checkApplication",
                        "reviewApplication");
    }

    @Test
    @DisplayName("APP-07 BPM-01: a rejected application (with a reason) is closed as not approved")
    void rejectWithReason() {
        ProcessInstance pi = startApplication();
        review(pi, "REJECT", "材料不全，不予办理");

        assertThat(pi).isEnded().hasPassed("rejectApplication", "applicationRejected")
                .hasNotPassed("requestCardProduction", "cardIssued");
        harness.assertCalled("checkApplication", "rejectApplication");
        Assertions.assertThat(harness.historicValue(pi, "reviewComment")).isEqualTo("材料不全，不予办理");
    }

    @Test
    @DisplayName("APP-01 BPM-01: an application that fails the system check is rejected without review")
    void checkFailedAtStart() {
        checkPasses = false;

        ProcessInstance pi = startApplication();

        assertThat(pi).isEnded().hasPassedInOrder("checkApplication", "rejectApplication", "applicationRejected")
                .hasNotPassed("reviewApplication");
        harness.assertCalled("checkApplication", "rejectApplication");
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    @DisplayName("BPM-04: a failing card maker call is tried three times (R3), then raises an incident an admin can retry")
    void productionFailureAndRetry() {
        productionFailures.set(Integer.MAX_VALUE);
        ProcessInstance pi = startApplication();
        review(pi, "APPROVE", null);
        String jobId = job("requestCardProduction", pi).getId();

        for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
            Assertions.assertThatThrownBy(() -> managementService().executeJob(jobId))
                    .hasMessageContaining("requestCardProduction unreachable");
            Job failed = jobQuery().jobId(jobId).singleResult();
            Assertions.assertThat(failed.getRetries()).isEqualTo(expectedRetries);
            Assertions.assertThat(failed.getExceptionMessage()).contains("requestCardProduction unreachable");
        }
        Assertions.assertThat(harness.calls()).filteredOn(c -> c.startsWith("requestCardProduction")).hasSize(3);
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo("requestCardProduction");
        Assertions.assertThat(incident.getConfiguration()).isEqualTo(jobId);
        assertThat(pi).isWaitingAt("requestCardProduction");

        productionFailures.set(0);
        managementService().setJobRetries(jobId, 1);
        execute(jobQuery().jobId(jobId).singleResult());

        assertThat(pi).isWaitingAt("cardProduced");
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(historyService().createHistoricIncidentQuery().processInstanceId(pi.getId()).resolved().count())
                .isEqualTo(1);
        harness.assertCalled("checkApplication", "requestCardProduction", "requestCardProduction",
                "requestCardProduction", "requestCardProduction");
    }

    @Test
    @DisplayName("BPM-02: an overdue review is escalated and stays open for the supervisors (non-interrupting timer)")
    void reviewEscalation() {
        Instant started = Instant.now();
        ProcessInstance pi = startApplication("PT2H");

        Job timer = job("reviewOverdue", pi);
        Assertions.assertThat(timer).isNotNull();
        Assertions.assertThat(timer.getDuedate().toInstant())
                .isBetween(started.plus(Duration.ofHours(2)).minusSeconds(5), Instant.now().plus(Duration.ofHours(2)));
        String reviewTaskId = task("reviewApplication", pi).getId();
        execute(timer);

        harness.assertCalled("checkApplication", "escalateReview");
        assertThat(pi).isNotEnded().isWaitingAt("reviewApplication").hasPassed("escalateReview", "reviewEscalated");
        assertThat(task("reviewApplication", pi)).hasId(reviewTaskId).hasCandidateGroup("SUPERVISOR");
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId("reviewOverdue").count()).isZero();

        // the review still decides the case
        review(pi, "APPROVE", null);
        assertThat(pi).isWaitingAt("requestCardProduction");
    }

    @Test
    @DisplayName("APP-02 APP-07 BPM-01 BPM-02: a returned application the clerk withdraws ends as withdrawn, unchecked and unreviewed")
    void sendBackThenWithdraw() {
        ProcessInstance pi = startApplication();
        review(pi, "RETURN", "照片不清晰");

        harness.withdraw(pi, "reviseApplication", "card-application-revise", "居民不再申领");

        assertThat(pi).isEnded().hasPassedInOrder("reviewApplication", "reviseApplication", "reviseDecisionGateway",
                "applicationWithdrawn").hasNotPassed("rejectApplication", "requestCardProduction", "cardIssued");
        harness.assertCalled("checkApplication");
        Assertions.assertThat(harness.historicValue(pi, "reviseAction")).isEqualTo("WITHDRAW");
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
    }
}
