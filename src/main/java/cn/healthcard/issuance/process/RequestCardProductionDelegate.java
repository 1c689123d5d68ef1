package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task {@code requestCardProduction} (制卡申请): an async job; failures are retried, then become incidents. */
@Component("requestCardProductionDelegate")
class RequestCardProductionDelegate implements JavaDelegate {

    private final CardApplicationService applications;

    RequestCardProductionDelegate(CardApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> applications.requestProduction(execution.getBusinessKey()));
    }
}
