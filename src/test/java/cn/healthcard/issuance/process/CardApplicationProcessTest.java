package cn.healthcard.issuance.process;

// Only BpmnAwareTests is imported statically; plain values use AssertJ's Assertions by name (no ambiguity).
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import cn.healthcard.support.InMemoryProcessEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fast tier of the {@code card-application} process tests (design.md §4 item 5): an in-memory engine, the BPMN file
 * as deployed, and small recording delegates instead of the Spring beans. Each test walks one path and asserts
 * which delegates ran, in which order, and for which business key.
 */
@Deployment(resources = "processes/card-application.bpmn")
class CardApplicationProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

    static final String PROCESS = "card-application";
    static final String APPLICATION_ID = "APP-20250101-0001";

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** "delegate:businessKey", one entry per delegate call, in call order. */
    final List<String> calls = new ArrayList<>();
    /** The system check's result for the next calls of {@code checkApplicationDelegate}. */
    boolean checkPasses = true;
    /** How many of the next calls to the card maker fail. */
    final AtomicInteger productionFailures = new AtomicInteger();

    static ProcessEngine engine() {
        return InMemoryProcessEngine.build("card-application-process-test");
    }

    @BeforeEach
    void registerDelegates() {
        init(processEngine);
        Mocks.register("checkApplicationDelegate", recording("checkApplication", execution -> {
            execution.setVariable("checkPassed", checkPasses);
            execution.setVariable("checkMessage", checkPasses ? null : "一人一卡: 该居民另有在办申领或有效卡片");
        }));
        Mocks.register("escalateReviewDelegate", recording("escalateReview", execution -> { }));
        Mocks.register("rejectApplicationDelegate", recording("rejectApplication", execution -> { }));
        Mocks.register("requestCardProductionDelegate", (JavaDelegate) execution -> {
            calls.add("requestCardProduction:" + execution.getBusinessKey());
            if (productionFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("card maker unreachable");
            }
        });
        Mocks.register("activateCardDelegate", recording("activateCard", execution -> { }));
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
        reset();
    }

    private JavaDelegate recording(String name, JavaDelegate behaviour) {
        return execution -> {
            calls.add(name + ":" + execution.getBusinessKey());
            behaviour.execute(execution);
        };
    }

    private static String call(String delegate) {
        return delegate + ":" + APPLICATION_ID;
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
        identityService().setAuthenticatedUserId("clerk1");
        try {
            return runtimeService().startProcessInstanceByKey(PROCESS, APPLICATION_ID, variables);
        } finally {
            identityService().clearAuthentication();
        }
    }

    private ProcessInstance startApplication() {
        return startApplication("PT48H");
    }

    private void review(ProcessInstance pi, String decision, String comment) {
        assertThat(pi).isWaitingAt("reviewApplication");
        assertThat(task("reviewApplication", pi)).hasCandidateGroup("SUPERVISOR").hasFormKey("review-application");
        complete(task("reviewApplication", pi), withVariables("reviewDecision", decision, "reviewComment", comment));
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
        Assertions.assertThat(calls).containsExactly(call("checkApplication"));
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
        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("requestCardProduction"),
                call("activateCard"));
    }

    @Test
    @DisplayName("APP-07 BPM-01 BPM-02: a returned application goes to the clerk, is checked again and reviewed again")
    void sendBackForRevision() {
        ProcessInstance pi = startApplication();
        review(pi, "RETURN", "照片不清晰");

        assertThat(pi).isWaitingAt("reviseApplication");
        assertThat(task("reviseApplication", pi)).hasCandidateGroup("CLERK").hasFormKey("card-application-revise");
        complete(task("reviseApplication", pi));

        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("checkApplication"));
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
        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("rejectApplication"));
        Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("reviewComment").singleResult().getValue()).isEqualTo("材料不全，不予办理");
    }

    @Test
    @DisplayName("APP-01 BPM-01: an application that fails the system check is rejected without review")
    void checkFailedAtStart() {
        checkPasses = false;

        ProcessInstance pi = startApplication();

        assertThat(pi).isEnded().hasPassedInOrder("checkApplication", "rejectApplication", "applicationRejected")
                .hasNotPassed("reviewApplication");
        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("rejectApplication"));
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
            Assertions.assertThatThrownBy(() -> managementService().executeJob(jobId)).hasMessageContaining("card maker unreachable");
            Job failed = jobQuery().jobId(jobId).singleResult();
            Assertions.assertThat(failed.getRetries()).isEqualTo(expectedRetries);
            Assertions.assertThat(failed.getExceptionMessage()).contains("card maker unreachable");
        }
        Assertions.assertThat(calls).filteredOn(c -> c.startsWith("requestCardProduction")).hasSize(3);
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
        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("requestCardProduction"),
                call("requestCardProduction"), call("requestCardProduction"), call("requestCardProduction"));
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

        Assertions.assertThat(calls).containsExactly(call("checkApplication"), call("escalateReview"));
        assertThat(pi).isNotEnded().isWaitingAt("reviewApplication").hasPassed("escalateReview", "reviewEscalated");
        assertThat(task("reviewApplication", pi)).hasId(reviewTaskId).hasCandidateGroup("SUPERVISOR");
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId("reviewOverdue").count()).isZero();

        // the review still decides the case
        review(pi, "APPROVE", null);
        assertThat(pi).isWaitingAt("requestCardProduction");
    }
}
