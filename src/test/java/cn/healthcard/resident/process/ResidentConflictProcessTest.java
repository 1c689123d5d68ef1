package cn.healthcard.resident.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

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
 * The resident-data conflict process ({@code processes/resident-data-conflict.bpmn}) on the {@link ProcessHarness}:
 * every path, which delegates ran, in which order, for which case.
 */
class ResidentConflictProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("resident-conflict-process-test");

    static final String BPMN = "processes/resident-data-conflict.bpmn";
    static final String PROCESS = "resident-data-conflict";
    static final String CASE_NO = "HS11010520261206000001";
    static final String REVIEW = "reviewResidentConflict";
    static final String FORM = "resident-conflict-review";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(CASE_NO);
    boolean checkPasses = true;

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        harness.record("checkResidentConflict", execution -> {
            execution.setVariable("checkPassed", checkPasses);
            execution.setVariable("checkMessage", checkPasses ? null : "所填身份信息已与档案一致，无需更正");
        });
        harness.record("applyResidentCorrection");
        harness.record("rejectResidentConflict");
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    /** The variables {@code ResidentConflictService.file} starts the process with: the RECORD's region. */
    private ProcessInstance file() {
        return harness.start(PROCESS, "shclerk", Map.of("regionCode", "110105", "applicantName", "孙*",
                "applicantKeys", "NAMEIDX DOCIDX"));
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("ORG-05 APP-04 BPM-01 BPM-02 an approved conflict review corrects the record (check, review by the record's supervisors, apply)")
    void approved() {
        ProcessInstance pi = file();
        assertThat(pi).isStarted().hasBusinessKey(CASE_NO).variables().containsEntry("regionCode", "110105")
                .containsEntry("initiator", "shclerk");
        harness.review(pi, REVIEW, FORM, "APPROVE", null);
        assertThat(pi).isEnded().hasPassed("applyResidentCorrection", "residentCorrected")
                .hasNotPassed("rejectResidentConflict");
        harness.assertCalled("checkResidentConflict", "applyResidentCorrection");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("ORG-05 APP-04 BPM-01 a rejected conflict review ends without touching the record")
    void rejected() {
        ProcessInstance pi = file();
        harness.review(pi, REVIEW, FORM, "REJECT", "档案无误");
        assertThat(pi).isEnded().hasPassed("rejectResidentConflict", "conflictRejected")
                .hasNotPassed("applyResidentCorrection");
        harness.assertCalled("checkResidentConflict", "rejectResidentConflict");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("ORG-05 APP-04 BPM-01 a filing the system check refuses is rejected without a review task")
    void checkFails() {
        checkPasses = false;
        ProcessInstance pi = file();
        assertThat(pi).isEnded().hasPassed("rejectResidentConflict").hasNotPassed(REVIEW);
        harness.assertCalled("checkResidentConflict", "rejectResidentConflict");
        org.assertj.core.api.Assertions.assertThat(harness.historicValue(pi, "checkMessage"))
                .isEqualTo("所填身份信息已与档案一致，无需更正");
    }
}
