package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task expireTemporaryCard (临时卡到期). */
@Component("expireTemporaryCardDelegate")
class ExpireTemporaryCardDelegate implements JavaDelegate {

    private final CardRequestService requests;

    ExpireTemporaryCardDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> requests.expireTemporaryCard(execution.getBusinessKey()));
    }
}
