package cn.healthcard.sam.process;

import cn.healthcard.sam.SamCaseService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task rejectSamRequest (不予通过): the case closes; an urgent freeze is lifted. */
@Component("rejectSamRequestDelegate")
class RejectSamRequestDelegate implements JavaDelegate {

    private final SamCaseService cases;

    RejectSamRequestDelegate(SamCaseService cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> cases.reject(execution.getBusinessKey()));
    }
}
