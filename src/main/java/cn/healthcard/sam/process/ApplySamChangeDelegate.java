package cn.healthcard.sam.process;

import cn.healthcard.sam.SamCaseService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task applySamChange (办理): the approved freeze, unfreeze or cancel takes effect. */
@Component("applySamChangeDelegate")
class ApplySamChangeDelegate implements JavaDelegate {

    private final SamCaseService cases;

    ApplySamChangeDelegate(SamCaseService cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> cases.apply(execution.getBusinessKey()));
    }
}
