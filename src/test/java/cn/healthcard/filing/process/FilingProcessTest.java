package cn.healthcard.filing.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import cn.healthcard.workflow.ProcessHarness;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The filing process ({@code processes/manufacturer-filing.bpmn}) on the {@link ProcessHarness}: approve, send back
 * then resubmit, send back then withdraw, reject, refused by the check, the reminder and the lapse by timer, the
 * revocation — which delegates ran, in which order.
 */
class FilingProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("filing-process-test");

    static final String BPMN = "processes/manufacturer-filing.bpmn";
    static final String PROCESS = "manufacturer-filing";
    static final String CASE_NO = "BS20261206000001";
    static final String REVIEW = "reviewFiling";
    static final String REVIEW_FORM = "filing-review";
    static final String COMPLETE = "completeFiling";
    static final String COMPLETE_FORM = "filing-complete";
    static final String NOTICE = "noteFilingExpiry";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(CASE_NO);
    boolean checkPasses = true;
    /** When publishFiling says the reminder and the lapse are due. */
    Date reminderAt = Date.from(Instant.now().plus(Duration.ofDays(1065)));
    Date lapsesAt = Date.from(Instant.now().plus(Duration.ofDays(1095)));

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        harness.record("checkFiling", execution -> {
            execution.setVariable("checkPassed", checkPasses);
            execution.setVariable("checkMessage", checkPasses ? null : "请上传「检测报告」");
        });
        harness.record("publishFiling", execution -> {
            execution.setVariable("filingNo", "BA20261206000001");
            execution.setVariable("reminderAt", reminderAt);
            execution.setVariable("lapsesAt", lapsesAt);
        });
        harness.record("rejectFiling");
        harness.record("remindFilingExpiry");
        harness.record("lapseFiling");
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    /** The variables {@code FilingService.submit} starts the process with: the national centre's region. */
    private ProcessInstance submit() {
        return harness.start(PROCESS, "filingclient", Map.of("regionCode", "000000", "applicantName", "华芯科技"));
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 BPM-01 an approved filing is published and waits for its reminder and its lapse")
    void approved() {
        ProcessInstance pi = submit();
        assertThat(pi).isStarted().hasBusinessKey(CASE_NO).variables().containsEntry("regionCode", "000000");
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", "材料齐全，予以备案");
        assertThat(pi).isActive().hasPassed("publishFiling").isWaitingAt("validityGateway", "reminderDue");
        harness.assertCalled("checkFiling", "publishFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 BPM-01 sent back for completion, resubmitted, checked again and approved")
    void sentBackThenResubmitted() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "请补充检测报告");
        assertThat(task(COMPLETE, pi)).hasCandidateGroup("CLERK").hasCandidateGroup("ADMIN");
        harness.resubmit(pi, COMPLETE, COMPLETE_FORM);
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", "补正后材料齐全");
        assertThat(pi).hasPassed("completeFiling", "publishFiling").hasNotPassed("rejectFiling");
        harness.assertCalled("checkFiling", "checkFiling", "publishFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 BPM-01 sent back, then withdrawn by the applicant: ends at 已撤回")
    void sentBackThenWithdrawn() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "型号有误");
        harness.withdraw(pi, COMPLETE, COMPLETE_FORM, "不再申请");
        assertThat(pi).isEnded().hasPassed("filingWithdrawn").hasNotPassed("publishFiling", "rejectFiling");
        harness.assertCalled("checkFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 BPM-01 a rejected application ends at 未通过")
    void rejected() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "REJECT", "检测报告不符合要求");
        assertThat(pi).isEnded().hasPassed("rejectFiling", "filingRejected").hasNotPassed("publishFiling");
        harness.assertCalled("checkFiling", "rejectFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 an application the system check refuses is rejected without a review")
    void refusedByTheCheck() {
        checkPasses = false;
        ProcessInstance pi = submit();
        assertThat(pi).isEnded().hasPassed("rejectFiling").hasNotPassed("reviewFiling");
        harness.assertCalled("checkFiling", "rejectFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 the reminder timer puts a notice in the national reviewers' inbox, then the lapse timer ends the filing (已失效) and the open notice with it")
    void reminderThenLapse() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", "予以备案");
        List<Job> timers = managementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .orderByJobDuedate().asc().list();
        org.assertj.core.api.Assertions.assertThat(timers).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(timers.get(0).getDuedate()).isEqualTo(reminderAt);
        org.assertj.core.api.Assertions.assertThat(timers.get(1).getDuedate()).isEqualTo(lapsesAt);
        execute(timers.get(0));
        assertThat(pi).isWaitingAt(NOTICE, "validityGateway");
        assertThat(task(NOTICE, pi)).hasCandidateGroup("SUPERVISOR").hasFormKey("filing-expiry-notice");
        execute(timers.get(1));
        assertThat(pi).isEnded().hasPassed("remindFilingExpiry", "lapseFiling", "filingExpired");
        harness.assertCalled("checkFiling", "publishFiling", "remindFilingExpiry", "lapseFiling");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-01 the expiry notice acknowledged before the end: the filing still lapses at its end")
    void noticeAcknowledgedThenLapse() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", "予以备案");
        execute(managementService().createJobQuery().processInstanceId(pi.getId()).timers().orderByJobDuedate().asc()
                .list().get(0));
        complete(task(NOTICE, pi));
        assertThat(pi).isWaitingAt("validityGateway").hasPassed("noticeAcknowledged");
        execute(job(pi));
        assertThat(pi).isEnded().hasPassed("lapseFiling", "filingExpired");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("FIL-02 a revocation ends the filing at once (已撤销): no reminder, no lapse")
    void revoked() {
        ProcessInstance pi = submit();
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", "予以备案");
        runtimeService().correlateMessage("FilingRevoked", CASE_NO);
        assertThat(pi).isEnded().hasPassed("revokedEnd").hasNotPassed("lapseFiling", "remindFilingExpiry");
        org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        harness.assertCalled("checkFiling", "publishFiling");
    }
}
