package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task {@code activateCard} (卡片启用). */
@Component("activateCardDelegate")
class ActivateCardDelegate implements JavaDelegate {

    private final CardApplicationService applications;

    ActivateCardDelegate(CardApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> applications.activateCard(execution.getBusinessKey()));
    }
}
