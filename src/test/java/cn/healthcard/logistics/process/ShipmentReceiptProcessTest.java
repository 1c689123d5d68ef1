package cn.healthcard.logistics.process;

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
 * The shipment receipt ({@code processes/shipment-receipt.bpmn}) on the {@link ProcessHarness}: a complete delivery,
 * an incomplete one, a damaged box, a refused receiver — which steps ran, in which order.
 */
class ShipmentReceiptProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("shipment-receipt-process-test");

    static final String BPMN = "processes/shipment-receipt.bpmn";
    static final String PROCESS = "shipment-receipt";
    static final String SHIPMENT_NO = "YD11000020261206000001";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(SHIPMENT_NO);

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        harness.record("receiveShipment");
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    /** The variables {@code ShipmentService} starts the process with: the destination's region. */
    private ProcessInstance created() {
        return harness.start(PROCESS, "SYSTEM", Map.of("regionCode", "110000",
                "applicantName", "演示制卡机构 → 北京中心", "shipmentKind", "MAKER_TO_CENTRE"));
    }

    private void dispatchAndDeliver(ProcessInstance pi) {
        harness.completeTask(pi, "dispatchShipment", "PRODUCTION", "shipment-dispatch",
                Map.of("waybillNo", "SF1234567890"));
        assertThat(task("dispatchShipment", pi)).isNull();
        harness.completeTask(pi, "deliverShipment", "WAREHOUSE", "shipment-delivery",
                Map.of("deliveredTo", "warehouse"));
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("APP-09 APP-11 BPM-01 a complete delivery: dispatched, delivered, counted without difference, received into stock")
    void complete() {
        ProcessInstance pi = created();
        assertThat(pi).isWaitingAt("dispatchShipment").variables().containsEntry("regionCode", "110000");
        assertThat(task("dispatchShipment", pi)).hasCandidateGroup("WAREHOUSE").hasCandidateGroup("PRODUCTION");
        dispatchAndDeliver(pi);
        harness.completeTask(pi, "countShipment", "WAREHOUSE", "shipment-count", Map.of("receiptComplete", true));
        assertThat(pi).isEnded().hasPassed("receiveShipment", "shipmentReceived").hasNotPassed("resolveDiscrepancy");
        harness.assertCalled("receiveShipment");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("APP-09 PER-12 BPM-01 an incomplete delivery goes to discrepancy handling, confirmed by the receiver's keepers (not the maker's group), then what arrived is received")
    void incomplete() {
        ProcessInstance pi = created();
        dispatchAndDeliver(pi);
        harness.completeTask(pi, "countShipment", "WAREHOUSE", "shipment-count", Map.of("receiptComplete", false));
        assertThat(pi).isWaitingAt("resolveDiscrepancy");
        assertThat(task("resolveDiscrepancy", pi)).hasCandidateGroup("WAREHOUSE")
                .hasFormKey("shipment-discrepancy");
        harness.assertCalled();
        org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("PRODUCTION")
                .count()).isZero();
        harness.completeTask(pi, "resolveDiscrepancy", "WAREHOUSE", "shipment-discrepancy", Map.of("recount", 99));
        assertThat(pi).isEnded().hasPassed("resolveDiscrepancy", "receiveShipment");
        harness.assertCalled("receiveShipment");
    }
}
