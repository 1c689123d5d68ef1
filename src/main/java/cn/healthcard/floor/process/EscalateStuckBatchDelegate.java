package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorEscalations;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN tasks escalate* (升级至组长), after a step's stuck timer fired: the step (input parameter {@code stuckStep}) goes
 * to the maker's lead with a raised priority.
 */
@Component("escalateStuckBatchDelegate")
class EscalateStuckBatchDelegate implements JavaDelegate {

    private final FloorEscalations floor;

    EscalateStuckBatchDelegate(FloorEscalations floor) {
        this.floor = floor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String step = String.valueOf(execution.getVariableLocal("stuckStep"));
        SecurityContextUsers.runAsSystem(() -> floor.escalateStuck(execution.getBusinessKey(),
                execution.getProcessInstanceId(), step));
    }
}
