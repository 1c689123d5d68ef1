package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorEscalations;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.stereotype.Component;

/**
 * BPMN task {@code raiseFloorProductionOverdue} (生产超期告警), after the non-interrupting timer
 * {@code productionOverdue} on the wait for the line's answer fired ({@code healthcard.floor.production-deadline}):
 * raises an incident of type {@value #INCIDENT_TYPE} on the execution that still waits, so 「流程事故」 lists it
 * (resolved when the answer comes and the wait ends), audits {@code BatchProductionOverdue} and tells the maker's lead
 * through the production log. The case keeps waiting.
 */
@Component("raiseFloorProductionOverdueDelegate")
class RaiseFloorProductionOverdueDelegate implements JavaDelegate {

    static final String INCIDENT_TYPE = "floorProductionOverdue";
    private static final String WAIT = "productionFinished";

    private final FloorEscalations floor;

    RaiseFloorProductionOverdueDelegate(FloorEscalations floor) {
        this.floor = floor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String batchNo = execution.getBusinessKey();
        Object deadline = execution.getVariable("productionDeadline");
        String due = deadline == null ? "P3D" : deadline.toString();
        String lead = SecurityContextUsers.runAsSystem(() -> floor.productionOverdue(batchNo, due));
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        String waiting = runtime.createExecutionQuery().processInstanceId(execution.getProcessInstanceId())
                .activityId(WAIT).list().stream().map(Execution::getId).findFirst().orElse(execution.getId());
        runtime.createIncident(INCIDENT_TYPE, waiting, batchNo, "生产超期: 批次 " + batchNo + " 在 " + due
                + " 内未收到制卡生产结果，请组长" + (lead == null ? "" : " " + lead) + " 与生产线核查");
    }
}
