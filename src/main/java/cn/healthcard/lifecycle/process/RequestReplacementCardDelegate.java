package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** BPMN task requestReplacementCard (新卡制卡申请): an async job; failures are retried, then become incidents. */
@Component("requestReplacementCardDelegate")
class RequestReplacementCardDelegate implements JavaDelegate {

    private final CardRequestService requests;
    /** How long the process waits for the card before an incident (boundary timer on the wait). */
    private final Duration resultDeadline;

    RequestReplacementCardDelegate(CardRequestService requests,
            @Value("${healthcard.production.result-deadline:P14D}") Duration resultDeadline) {
        this.requests = requests;
        this.resultDeadline = resultDeadline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("productionResultDeadline", resultDeadline.toString());
        SecurityContextUsers.runAsSystem(() -> requests.requestReplacementCard(execution.getBusinessKey()));
    }
}
