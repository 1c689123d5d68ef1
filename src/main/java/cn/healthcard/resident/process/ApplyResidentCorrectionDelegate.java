package cn.healthcard.resident.process;

import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task applyResidentCorrection (更正档案): the record's identity data become the filed ones. */
@Component("applyResidentCorrectionDelegate")
class ApplyResidentCorrectionDelegate implements JavaDelegate {

    private final ResidentConflictService conflicts;

    ApplyResidentCorrectionDelegate(ResidentConflictService conflicts) {
        this.conflicts = conflicts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> conflicts.apply(execution.getBusinessKey()));
    }
}
