package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task requestReplacementCard (新卡制卡申请): an async job; failures are retried, then become incidents. */
@Component("requestReplacementCardDelegate")
class RequestReplacementCardDelegate implements JavaDelegate {

    private final CardRequestService requests;

    RequestReplacementCardDelegate(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> requests.requestReplacementCard(execution.getBusinessKey()));
    }
}
