package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task rejectCardRequest (不予通过). */
@Component("rejectCardRequestDelegate")
class RejectCardRequestDelegate implements JavaDelegate {

    private final CardRequestService requests;

    RejectCardRequestDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object checkMessage = execution.getVariable("checkMessage");
        SecurityContextUsers.runAsSystem(() -> requests.reject(execution.getBusinessKey(),
                checkMessage == null ? null : checkMessage.toString()));
    }
}
