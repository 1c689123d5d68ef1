package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** BPMN task {@code requestCardProduction} (制卡申请): an async job; failures are retried, then become incidents. */
@Component("requestCardProductionDelegate")
class RequestCardProductionDelegate implements JavaDelegate {

    private final CardApplicationService applications;
    /** How long the process waits for the card before an incident (boundary timer on the wait). */
    private final Duration resultDeadline;

    RequestCardProductionDelegate(CardApplicationService applications,
            @Value("${healthcard.production.result-deadline:P14D}") Duration resultDeadline) {
        this.applications = applications;
        this.resultDeadline = resultDeadline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("productionResultDeadline", resultDeadline.toString());
        SecurityContextUsers.runAsSystem(() -> applications.requestProduction(execution.getBusinessKey()));
    }
}
