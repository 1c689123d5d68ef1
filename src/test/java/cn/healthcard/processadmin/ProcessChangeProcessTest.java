package cn.healthcard.processadmin;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthcard.workflow.ProcessHarness;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.Withdrawal;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code processes/process-change.bpmn} on the {@link ProcessHarness}: approved; sent back, revised and approved;
 * sent back and withdrawn; rejected. (That the submitter cannot review, and that approval deploys, is the service's:
 * ProcessChangeIT.)
 */
class ProcessChangeProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("process-change-process-test");

    static final String BPMN = "processes/process-change.bpmn";
    static final String CASE_NO = "BG20261207000001";
    static final String REVIEW_FORM = "process-change-review";
    static final String REVISE_FORM = "process-change-revise";

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

    private ProcessInstance submit() {
        return harness.start(ProcessChangeService.PROCESS_KEY, "admin",
                Map.of("regionCode", "110000", "applicantName", "card-application", "changeId", "c1"));
    }

    private void review(ProcessInstance pi, Review review) {
        harness.completeTask(pi, ProcessChangeService.REVIEW_TASK, "ADMIN", REVIEW_FORM, review.variables());
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-05 an approved change ends 「已部署」 (who may approve is the service's rule: ProcessChangeIT, "
            + "ProcessAdminApiIT)")
    void approved() {
        ProcessInstance pi = submit();
        review(pi, Review.approve());
        assertThat(pi).isEnded().hasPassed("changeDeployed");
        harness.assertCalled();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-05 a change sent back is revised, reviewed again and approved")
    void returnedRevisedApproved() {
        ProcessInstance pi = submit();
        review(pi, Review.sendBack("请补充说明"));
        assertThat(pi).isWaitingAt(ProcessChangeService.REVISE_TASK);
        harness.completeTask(pi, ProcessChangeService.REVISE_TASK, "ADMIN", REVISE_FORM, Withdrawal.RESUBMITTED);
        assertThat(pi).isWaitingAt(ProcessChangeService.REVIEW_TASK);
        review(pi, Review.approve());
        assertThat(pi).isEnded().hasPassed("changeDeployed");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-05 a change sent back and withdrawn ends 「已撤回」")
    void returnedWithdrawn() {
        ProcessInstance pi = submit();
        review(pi, Review.sendBack("不需要"));
        harness.completeTask(pi, ProcessChangeService.REVISE_TASK, "ADMIN", REVISE_FORM,
                new Withdrawal("不再需要").variables());
        assertThat(pi).isEnded().hasPassed("changeWithdrawn").hasNotPassed("changeDeployed");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-05 a rejected change ends 「不予部署」")
    void rejected() {
        ProcessInstance pi = submit();
        review(pi, Review.reject("风险过大"));
        assertThat(pi).isEnded().hasPassed("changeRejected").hasNotPassed("changeDeployed");
    }
}
