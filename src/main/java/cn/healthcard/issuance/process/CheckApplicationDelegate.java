package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task {@code checkApplication} (系统校验). */
@Component("checkApplicationDelegate")
class CheckApplicationDelegate implements JavaDelegate {

    private final CardApplicationService applications;

    CheckApplicationDelegate(CardApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var refusal = SecurityContextUsers.runAsSystem(() -> applications.check(execution.getBusinessKey()));
        execution.setVariable("checkPassed", refusal.isEmpty());
        execution.setVariable("checkMessage", refusal.orElse(null));
    }
}
