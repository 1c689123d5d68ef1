package cn.healthcard.floor.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import cn.healthcard.floor.FloorService;
import cn.healthcard.workflow.ProcessHarness;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fast tier of the batch hand-over process ({@code processes/production-batch-handover.bpmn}) on the
 * {@link ProcessHarness}: every path — received and run to the close with a recount on the way, a refused data file,
 * and a stuck step escalated to the lead while it stays open. The two-person rules themselves are the service's
 * (FloorIT); here the tasks carry the variables the service completes them with.
 */
@DisplayName("PER-06 PER-07 PER-08 PER-11 BPM-01 process production-batch-handover: every path")
class FloorProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("floor-process-test");
    static final String BPMN = "processes/production-batch-handover.bpmn";
    static final String BATCH = "PB11010520261206000001";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(BATCH);
    boolean receiptOk = true;
    boolean fileMissing = false;
    boolean productionRecorded = false;
    final List<String> escalated = new ArrayList<>();

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        harness.record("receiveBatchFile", execution -> {
            if (fileMissing) {
                throw new cn.healthcard.common.ConflictException("PRODUCTION_FILE_MISSING", "batchNo", "数据文件不在接收目录");
            }
            execution.setVariable("receiptOk", receiptOk);
            execution.setVariable("refusal", receiptOk ? null : "DF-SIGNATURE 文件签名验证失败");
        });
        harness.record("startProduction", execution -> execution.setVariable("productionRecorded",
                productionRecorded));
        harness.record("publishBatchSealed");
        harness.record("escalateStuckBatch", execution -> escalated.add(
                String.valueOf(execution.getVariableLocal("stuckStep"))));
        harness.record("raiseFloorProductionOverdue");
    }

    @AfterEach
    void reset() {
        harness.reset();
        escalated.clear();
    }

    private ProcessInstance start() {
        ProcessInstance pi = harness.start(FloorService.PROCESS_KEY, "system", Map.of("regionCode", "110105",
                "applicantName", "JH001 / 10张", "stuckAfter", "P2D", "productionDeadline", "P3D",
                FloorService.MAKER_CODE, "CM-110000"));
        // the receipt runs asynchronously: the start (inside production's plan submission) stays cheap
        assertThat(pi).isWaitingAt("receiveBatchFile");
        execute(job("receiveBatchFile", pi));
        return pi;
    }

    private void complete(ProcessInstance pi, String taskKey, String formKey, Map<String, Object> variables) {
        // the maker's own production people only (the group bound to the maker)
        harness.completeTask(pi, taskKey, "PRODUCTION@CM-110000", formKey, variables);
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("PER-06 PER-07 PER-08 PER-11: receipt, two-person start, production, three hand-overs, scrap and co-signed destruction, a mismatching double count loops back to a recount, the lead signs off, sealing publishes BatchSealed, the close ends the run")
    void recountLoopToTheClose() {
        ProcessInstance pi = start();
        complete(pi, FloorService.START_TASK, "floor-start", Map.of());
        harness.assertCalled("receiveBatchFile", "startProduction");
        assertThat(pi).isWaitingAt("productionFinished");
        runtimeService().createMessageCorrelation(FloorService.MESSAGE_PRODUCED).processInstanceBusinessKey(BATCH)
                .correlate();
        complete(pi, FloorService.HANDOVER_TASK, "floor-handover", Map.of("handoverDone", false));
        complete(pi, FloorService.HANDOVER_TASK, "floor-handover", Map.of("handoverDone", false));
        complete(pi, FloorService.HANDOVER_TASK, "floor-handover", Map.of("handoverDone", true));
        complete(pi, FloorService.SCRAP_TASK, "floor-scrap", Map.of());
        complete(pi, FloorService.DESTRUCTION_TASK, "floor-destruction", Map.of());
        complete(pi, FloorService.FIRST_COUNT_TASK, "floor-count", Map.of());
        complete(pi, FloorService.SECOND_COUNT_TASK, "floor-count", Map.of("countsMatch", false));
        // the recount: back to the first count
        complete(pi, FloorService.FIRST_COUNT_TASK, "floor-count", Map.of());
        complete(pi, FloorService.SECOND_COUNT_TASK, "floor-count", Map.of("countsMatch", true));
        complete(pi, FloorService.SIGN_OFF_TASK, "floor-signoff", Map.of());
        complete(pi, FloorService.SEAL_TASK, "floor-seal", Map.of());
        harness.assertCalled("receiveBatchFile", "startProduction", "publishBatchSealed");
        complete(pi, FloorService.CLOSE_TASK, "floor-close", Map.of());
        assertThat(pi).isEnded().hasPassed("runClosed").hasPassedInOrder("firstCount", "secondCount", "firstCount",
                "secondCount", "leadSignOff");
        Assertions.assertThat(escalated).isEmpty();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("PER-02 BPM-01: a receipt that finds no data file is retried a minute later, five times, not three times back to back; the next attempt that finds it goes on")
    void missingFileIsRetriedWithADelay() {
        fileMissing = true;
        ProcessInstance pi = harness.start(FloorService.PROCESS_KEY, "system", Map.of("regionCode", "110105",
                "applicantName", "JH001 / 10张", "stuckAfter", "P2D", "productionDeadline", "P3D",
                FloorService.MAKER_CODE, "CM-110000"));
        org.camunda.bpm.engine.runtime.Job receipt = job("receiveBatchFile", pi);
        java.util.Date before = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
        Assertions.assertThatThrownBy(() -> processEngine.getManagementService().executeJob(receipt.getId()))
                .hasMessageContaining("数据文件");
        org.camunda.bpm.engine.runtime.Job again = job("receiveBatchFile", pi);
        Assertions.assertThat(again.getRetries()).isEqualTo(4);
        Assertions.assertThat(again.getDuedate()).isAfterOrEqualTo(new java.util.Date(before.getTime() + 59_000));
        fileMissing = false;
        execute(again);
        assertThat(pi).isWaitingAt(FloorService.START_TASK);
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("PER-07: when the line answered within the start of production, the case goes straight to the hand-over forms")
    void answerAlreadyRecorded() {
        productionRecorded = true;
        ProcessInstance pi = start();
        complete(pi, FloorService.START_TASK, "floor-start", Map.of());
        assertThat(pi).isWaitingAt(FloorService.HANDOVER_TASK).hasNotPassed("productionFinished");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("PER-02 PER-03: a refused data file ends the case at 数据文件被拒收; nothing is produced")
    void refusedFile() {
        receiptOk = false;
        ProcessInstance pi = start();
        assertThat(pi).isEnded().hasPassed("batchRefused").hasNotPassed("confirmStart");
        harness.assertCalled("receiveBatchFile");
        Assertions.assertThat(harness.historicValue(pi, "refusal")).startsWith("DF-SIGNATURE");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-01 PER-11: a step open longer than stuckAfter is escalated to the lead (non-interrupting: the step stays open), at every one of the nine user steps")
    void stuckStepEscalated() {
        ProcessInstance pi = start();
        var timer = job("stuckConfirmStart", pi);
        Assertions.assertThat(timer).isNotNull();
        Assertions.assertThat(timer.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(
                java.time.Duration.ofDays(1)).plusSeconds(23 * 3600));
        execute(timer);
        Assertions.assertThat(escalated).containsExactly(FloorService.START_TASK);
        assertThat(pi).isWaitingAt(FloorService.START_TASK);
        assertThat(task(FloorService.START_TASK, pi)).isNotNull();
        complete(pi, FloorService.START_TASK, "floor-start", Map.of());
        runtimeService().createMessageCorrelation(FloorService.MESSAGE_PRODUCED).processInstanceBusinessKey(BATCH)
                .correlate();
        // every user step has its timer, and firing it leaves the step open
        record Step(String key, String timer, String form, Map<String, Object> variables) {
        }
        List<Step> steps = List.of(
                new Step(FloorService.HANDOVER_TASK, "stuckHandOver", "floor-handover", Map.of("handoverDone", true)),
                new Step(FloorService.SCRAP_TASK, "stuckRecordScrap", "floor-scrap", Map.of()),
                new Step(FloorService.DESTRUCTION_TASK, "stuckCoSignDestruction", "floor-destruction", Map.of()),
                new Step(FloorService.FIRST_COUNT_TASK, "stuckFirstCount", "floor-count", Map.of()),
                new Step(FloorService.SECOND_COUNT_TASK, "stuckSecondCount", "floor-count", Map.of("countsMatch", true)),
                new Step(FloorService.SIGN_OFF_TASK, "stuckLeadSignOff", "floor-signoff", Map.of()),
                new Step(FloorService.SEAL_TASK, "stuckSealBoxes", "floor-seal", Map.of()),
                new Step(FloorService.CLOSE_TASK, "stuckCloseRun", "floor-close", Map.of()));
        List<String> expected = new java.util.ArrayList<>(List.of(FloorService.START_TASK));
        for (Step step : steps) {
            Assertions.assertThat(job(step.timer(), pi)).as(step.timer()).isNotNull();
            execute(job(step.timer(), pi));
            expected.add(step.key());
            Assertions.assertThat(escalated).containsExactlyElementsOf(expected);
            assertThat(pi).isWaitingAt(step.key());
            complete(pi, step.key(), step.form(), step.variables());
        }
        assertThat(pi).isEnded();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-01 PER-06: the wait for the line's answer has its own deadline (productionDeadline): when it passes, the overdue step raises the incident and tells the lead, the case keeps waiting and moves on when the answer comes")
    void productionDeadline() {
        ProcessInstance pi = start();
        complete(pi, FloorService.START_TASK, "floor-start", Map.of());
        assertThat(pi).isWaitingAt("productionFinished");
        var timer = job("productionOverdue", pi);
        Assertions.assertThat(timer).isNotNull();
        Assertions.assertThat(timer.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(
                java.time.Duration.ofDays(2)).plusSeconds(23 * 3600));
        execute(timer);
        harness.assertCalled("receiveBatchFile", "startProduction", "raiseFloorProductionOverdue");
        assertThat(pi).isWaitingAt("productionFinished").hasPassed("productionOverdueRaised");
        runtimeService().createMessageCorrelation(FloorService.MESSAGE_PRODUCED).processInstanceBusinessKey(BATCH)
                .correlate();
        assertThat(pi).isWaitingAt(FloorService.HANDOVER_TASK);
        Assertions.assertThat(job("productionOverdue", pi)).isNull();
        Assertions.assertThat(escalated).isEmpty();
    }
}
