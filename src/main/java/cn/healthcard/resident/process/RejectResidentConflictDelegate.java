package cn.healthcard.resident.process;

import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task rejectResidentConflict (不予更正): the case ends, the record is left as it is. */
@Component("rejectResidentConflictDelegate")
class RejectResidentConflictDelegate implements JavaDelegate {

    private final ResidentConflictService conflicts;

    RejectResidentConflictDelegate(ResidentConflictService conflicts) {
        this.conflicts = conflicts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object checkMessage = execution.getVariable("checkMessage");
        SecurityContextUsers.runAsSystem(() -> conflicts.reject(execution.getBusinessKey(),
                checkMessage == null ? null : checkMessage.toString()));
    }
}
