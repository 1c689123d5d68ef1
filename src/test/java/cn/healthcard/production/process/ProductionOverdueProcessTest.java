package cn.healthcard.production.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import cn.healthcard.production.ProductionOrders;
import cn.healthcard.workflow.ProcessHarness;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.mockito.Mockito;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The deadline on the wait for the card (BPM-04): a non-interrupting timer on {@code cardProduced} (application) and
 * {@code replacementCardProduced} (replacement) raises an incident an admin sees; the wait goes on and the card still
 * completes the case, which resolves the incident.
 */
class ProductionOverdueProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("production-overdue-process-test");

    static final String CASE_ID = "SQ11010820261206000001";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(CASE_ID);
    final ProductionOrders orders = Mockito.mock(ProductionOrders.class);

    @BeforeEach
    void registerDelegates() {
        harness.init(processEngine);
        harness.record("checkApplication", execution -> execution.setVariable("checkPassed", true));
        harness.record("escalateReview");
        harness.record("rejectApplication");
        harness.record("activateCard");
        harness.record("requestCardProduction", e -> e.setVariable("productionResultDeadline", "PT2H"));
        harness.record("checkCardRequest", execution -> execution.setVariable("checkPassed", true));
        harness.record("applyCardRequest");
        harness.record("rejectCardRequest");
        harness.record("startReplacement", execution -> execution.setVariable("temporaryCardNo", "T1"));
        harness.record("requestReplacementCard", e -> e.setVariable("productionResultDeadline", "PT2H"));
        harness.record("completeReplacement");
        harness.record("expireTemporaryCard");
        Mocks.register("raiseProductionOverdueDelegate", new RaiseProductionOverdueDelegate(orders));
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    private ProcessInstance approvedApplication() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", CASE_ID);
        variables.put("regionCode", "110108");
        variables.put("institutionCode", "PX-110108");
        variables.put("applicantName", "张*");
        variables.put("applicantKeys", "NAMEIDX DOCIDX");
        variables.put("reviewEscalationAfter", "PT48H");
        ProcessInstance pi = harness.start("card-application", "clerk1", variables);
        harness.review(pi, "reviewApplication", "review-application", "APPROVE", null);
        execute(job("requestCardProduction", pi));
        return pi;
    }

    @Test
    @Deployment(resources = "processes/card-application.bpmn")
    @DisplayName("BPM-04: no card within the result deadline raises a productionOverdue incident; the card still completes the application")
    void applicationOverdue() {
        Instant ordered = Instant.now();
        ProcessInstance pi = approvedApplication();
        assertThat(pi).isWaitingAt("cardProduced");

        Job timer = job("productionOverdue", pi);
        Assertions.assertThat(timer.getDuedate().toInstant()).isBetween(
                ordered.plus(Duration.ofHours(2)).minusSeconds(5), Instant.now().plus(Duration.ofHours(2)));
        execute(timer);

        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(RaiseProductionOverdueDelegate.INCIDENT_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo("cardProduced");
        Assertions.assertThat(incident.getIncidentMessage()).contains(CASE_ID).contains("PT2H");
        Mockito.verify(orders).overdue(CASE_ID, "PT2H");
        assertThat(pi).isWaitingAt("cardProduced").hasPassed("productionOverdue", "raiseProductionOverdue",
                "productionOverdueRaised");

        runtimeService().createMessageCorrelation("CardProduced").processInstanceBusinessKey(CASE_ID)
                .setVariable("cardNo", "110108000000000001").correlate();
        assertThat(pi).isWaitingAt("registerPickUp");
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId("productionOverdue").count()).isZero();
    }

    @Test
    @Deployment(resources = "processes/card-application.bpmn")
    @DisplayName("BPM-04: a card in time removes the deadline timer unfired; without the variable the deadline is 14 days")
    void applicationInTime() {
        harness.record("requestCardProduction");
        Instant ordered = Instant.now();
        ProcessInstance pi = approvedApplication();
        Assertions.assertThat(job("productionOverdue", pi).getDuedate().toInstant())
                .isBetween(ordered.plus(Duration.ofDays(14)).minusSeconds(5), Instant.now().plus(Duration.ofDays(14)));

        runtimeService().createMessageCorrelation("CardProduced").processInstanceBusinessKey(CASE_ID)
                .setVariable("cardNo", "110108000000000001").correlate();
        assertThat(pi).isWaitingAt("registerPickUp").hasNotPassed("raiseProductionOverdue");
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
        Mockito.verifyNoInteractions(orders);
    }

    @Test
    @Deployment(resources = "processes/replacement.bpmn")
    @DisplayName("BPM-04: a replacement's new card overdue raises the incident; the card still arrives and the replacement completes")
    void replacementOverdue() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("requestId", CASE_ID);
        variables.put("cardNo", "110108000000000009");
        variables.put("regionCode", "110108");
        variables.put("applicantName", "张*");
        variables.put("applicantKeys", "NAMEIDX DOCIDX");
        variables.put("temporaryCardValidity", "P30D");
        ProcessInstance pi = harness.start("replacement", "clerk1", variables);
        harness.review(pi, "reviewCardRequest", "card-request-review", "APPROVE", null);
        execute(job("requestReplacementCard", pi));
        assertThat(pi).isWaitingAt("replacementCardProduced");

        execute(job("replacementProductionOverdue", pi));
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(RaiseProductionOverdueDelegate.INCIDENT_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo("replacementCardProduced");
        assertThat(pi).isWaitingAt("replacementCardProduced");

        runtimeService().createMessageCorrelation("ReplacementCardProduced").processInstanceBusinessKey(CASE_ID)
                .setVariable("newCardNo", "110108000000000010").correlate();
        harness.completeTask(pi, "registerReplacementPickUp", "CLERK", "replacement-pickup", Map.of());
        assertThat(pi).isEnded().hasPassed("completeReplacement", "requestCompleted");
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }
}
