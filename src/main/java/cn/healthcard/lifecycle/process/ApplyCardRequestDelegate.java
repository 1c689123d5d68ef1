package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task applyCardRequest (办理): loss report, unloss, unlock or cancellation takes effect on the card. */
@Component("applyCardRequestDelegate")
class ApplyCardRequestDelegate implements JavaDelegate {

    private final CardRequestService requests;

    ApplyCardRequestDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> requests.apply(execution.getBusinessKey()));
    }
}
