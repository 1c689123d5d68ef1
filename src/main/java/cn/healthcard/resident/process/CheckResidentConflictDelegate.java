package cn.healthcard.resident.process;

import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task checkResidentConflict (系统校验): the filed data still differ from the record and pass the validation. */
@Component("checkResidentConflictDelegate")
class CheckResidentConflictDelegate implements JavaDelegate {

    private final ResidentConflictService conflicts;

    CheckResidentConflictDelegate(ResidentConflictService conflicts) {
        this.conflicts = conflicts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var refusal = SecurityContextUsers.runAsSystem(() -> conflicts.check(execution.getBusinessKey()));
        execution.setVariable("checkPassed", refusal.isEmpty());
        execution.setVariable("checkMessage", refusal.orElse(null));
    }
}
