package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task startReplacement (补换受理): resident changes applied, temporary card issued if asked. */
@Component("startReplacementDelegate")
class StartReplacementDelegate implements JavaDelegate {

    private final CardRequestService requests;

    StartReplacementDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var temporaryCard = SecurityContextUsers.runAsSystem(() -> requests.startReplacement(execution.getBusinessKey()));
        execution.setVariable("temporaryCardNo", temporaryCard.orElse(null));
    }
}
