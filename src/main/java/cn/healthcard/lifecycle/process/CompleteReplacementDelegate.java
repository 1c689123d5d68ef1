package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task completeReplacement (换卡完成): new card active, old card cancelled. */
@Component("completeReplacementDelegate")
class CompleteReplacementDelegate implements JavaDelegate {

    private final CardRequestService requests;

    CompleteReplacementDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> requests.completeReplacement(execution.getBusinessKey()));
    }
}
