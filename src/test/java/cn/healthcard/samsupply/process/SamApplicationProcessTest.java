package cn.healthcard.samsupply.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

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
 * {@code processes/sam-application.bpmn} on the {@link ProcessHarness}: approved and followed through report, plan and
 * the maker's answer; sent back then resubmitted and approved; sent back then withdrawn; rejected.
 */
class SamApplicationProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("sam-application-process-test");

    static final String BPMN = "processes/sam-application.bpmn";
    static final String PROCESS = "sam-application";
    static final String CASE_NO = "SS52010020261207000001";
    static final String REVIEW = "reviewSamApplication";
    static final String REVIEW_FORM = "sam-application-review";
    static final String REVISE = "reviseSamApplication";
    static final String REVISE_FORM = "sam-application-revise";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(CASE_NO);

    @BeforeEach
    void init() {
        harness.init(processEngine);
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    private ProcessInstance register() {
        return harness.start(PROCESS, "gzclerk", Map.of("regionCode", "520100", "applicantName", "贵阳市第一人民医院"));
    }

    private void message(String name) {
        runtimeService().createMessageCorrelation(name).processInstanceBusinessKey(CASE_NO).correlate();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-01 BPM-01 approved by the province, the case waits for the report upward, the national plan and the maker's answer, then ends made")
    void approvedThroughToMade() {
        ProcessInstance pi = register();
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        assertThat(pi).isWaitingAt("awaitReport");
        message("SamApplicationReported");
        assertThat(pi).isWaitingAt("awaitPlan");
        message("SamApplicationPlanned");
        assertThat(pi).isWaitingAt("awaitMade");
        message("SamApplicationMade");
        assertThat(pi).isEnded().hasPassed("samsMade");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-01 BPM-01 sent back, revised and resubmitted, reviewed again and approved")
    void sentBackThenResubmitted() {
        ProcessInstance pi = register();
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "数量请与终端台数一致");
        harness.resubmit(pi, REVISE, REVISE_FORM);
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        assertThat(pi).isWaitingAt("awaitReport");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-01 BPM-01 sent back, then withdrawn by the city centre: ends 已撤回")
    void sentBackThenWithdrawn() {
        ProcessInstance pi = register();
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "请补充理由");
        harness.withdraw(pi, REVISE, REVISE_FORM, "终端采购取消");
        assertThat(pi).isEnded().hasPassed("applicationWithdrawn");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("SAM-01 BPM-01 rejected by the province: ends 未通过 and never waits for a report")
    void rejected() {
        ProcessInstance pi = register();
        harness.review(pi, REVIEW, REVIEW_FORM, "REJECT", "该机构已有足量SAM卡");
        assertThat(pi).isEnded().hasPassed("applicationRejected").hasNotPassed("awaitReport");
    }
}
