package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task {@code rejectApplication} (不予通过): by the supervisor's decision or a failed system check. */
@Component("rejectApplicationDelegate")
class RejectApplicationDelegate implements JavaDelegate {

    private final CardApplicationService applications;

    RejectApplicationDelegate(CardApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object checkMessage = execution.getVariable("checkMessage");
        SecurityContextUsers.runAsSystem(() -> applications.reject(execution.getBusinessKey(),
                checkMessage == null ? null : checkMessage.toString()));
    }
}
