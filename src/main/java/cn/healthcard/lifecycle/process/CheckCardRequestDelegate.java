package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task checkCardRequest (系统校验): the card still allows the action and the request still holds the card. */
@Component("checkCardRequestDelegate")
class CheckCardRequestDelegate implements JavaDelegate {

    private final CardRequestService requests;

    CheckCardRequestDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var refusal = SecurityContextUsers.runAsSystem(() -> requests.check(execution.getBusinessKey()));
        execution.setVariable("checkPassed", refusal.isEmpty());
        execution.setVariable("checkMessage", refusal.orElse(null));
    }
}
