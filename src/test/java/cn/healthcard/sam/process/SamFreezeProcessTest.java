package cn.healthcard.sam.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthcard.workflow.ProcessHarness;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/**
 * {@code processes/sam-freeze.bpmn} on the {@link ProcessHarness}: approve, send back then resubmit, send back then
 * withdraw, reject. An urgent freeze takes the same paths; its effect on the SAM is tested in SamIT.
 */
class SamFreezeProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("sam-freeze-process-test");

    static final String BPMN = "processes/sam-freeze.bpmn";
    static final String PROCESS = "sam-freeze";
    static final String REVIEW = "reviewSamRequest";
    static final String REVIEW_FORM = "sam-freeze-review";
    static final String REVISE = "reviseSamRequest";
    static final String REVISE_FORM = "sam-freeze-revise";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness("SD43010020261207000001");

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        harness.record("applySamChange");
        harness.record("rejectSamRequest");
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    private ProcessInstance request(boolean urgent) {
        return harness.start(PROCESS, "samclerk", Map.of("regionCode", "430100", "applicantName", "SAM", "urgent",
                urgent));
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-04 BPM-01 an approved freeze request takes effect in applySamChange")
    void approved() {
        ProcessInstance pi = request(false);
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        harness.assertCalled("applySamChange");
        assertThat(pi).isEnded().hasPassed("samRequestCompleted");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-04 BPM-01 a request sent back, corrected and resubmitted is reviewed again")
    void returnedAndResubmitted() {
        ProcessInstance pi = request(false);
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "请写明丢失经过");
        harness.resubmit(pi, REVISE, REVISE_FORM);
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        harness.assertCalled("applySamChange");
        assertThat(pi).isEnded().hasPassed("samRequestCompleted");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-04 BPM-01 a request sent back and withdrawn ends without a change")
    void returnedAndWithdrawn() {
        ProcessInstance pi = request(false);
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "理由不充分");
        harness.withdraw(pi, REVISE, REVISE_FORM, "已找到");
        harness.assertCalled();
        assertThat(pi).isEnded().hasPassed("samRequestWithdrawn");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-04 BPM-01 a rejected request ends in rejectSamRequest without a change")
    void rejected() {
        ProcessInstance pi = request(false);
        harness.review(pi, REVIEW, REVIEW_FORM, "REJECT", "无依据");
        harness.assertCalled("rejectSamRequest");
        assertThat(pi).isEnded().hasPassed("samRequestRejected");
    }

    // An urgent freeze runs the same paths (the BPMN does not branch on it): its effect on the SAM — frozen at once,
    // confirmed by approval, lifted by rejection, kept on withdrawal — is tested against the services in
    // SamIT.urgentFreezeRejected and SamIT.returnedResubmittedAndWithdrawn.
}
