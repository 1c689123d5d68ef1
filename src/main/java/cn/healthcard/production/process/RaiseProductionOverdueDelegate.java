package cn.healthcard.production.process;

import cn.healthcard.production.ProductionOrders;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * BPMN tasks {@code raiseProductionOverdue} / {@code raiseReplacementProductionOverdue} (制卡超期事故): the card did not
 * come within {@code healthcard.production.result-deadline}. Raises an incident of type {@value #INCIDENT_TYPE} on the
 * execution that still waits for the card, so 「流程事故」 lists it; it is resolved when the card arrives and the wait
 * ends. Audited ({@code ProductionResultOverdue}).
 */
@Component("raiseProductionOverdueDelegate")
class RaiseProductionOverdueDelegate implements JavaDelegate {

    static final String INCIDENT_TYPE = "productionOverdue";
    private static final List<String> WAITS = List.of("cardProduced", "replacementCardProduced");

    private final ProductionOrders orders;

    RaiseProductionOverdueDelegate(ProductionOrders orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getBusinessKey();
        Object deadline = execution.getVariable("productionResultDeadline");
        String due = deadline == null ? "P14D" : deadline.toString();
        SecurityContextUsers.runAsSystem(() -> orders.overdue(caseId, due));
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        String waiting = WAITS.stream()
                .flatMap(activity -> runtime.createExecutionQuery().processInstanceId(execution.getProcessInstanceId())
                        .activityId(activity).list().stream())
                .map(Execution::getId).findFirst().orElse(execution.getId());
        runtime.createIncident(INCIDENT_TYPE, waiting, caseId,
                "制卡超期: 案件 " + caseId + " 在 " + due + " 内未收到制卡结果，请联系制卡机构核查");
    }
}
