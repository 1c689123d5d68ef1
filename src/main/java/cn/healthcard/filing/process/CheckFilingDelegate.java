package cn.healthcard.filing.process;

import cn.healthcard.filing.FilingService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task checkFiling (完整性校验: both kinds of attachment, the model not filed meanwhile). */
@Component("checkFilingDelegate")
class CheckFilingDelegate implements JavaDelegate {

    private final FilingService filings;

    CheckFilingDelegate(FilingService filings) {
        this.filings = filings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var refusal = SecurityContextUsers.runAsSystem(() -> filings.check(execution.getBusinessKey()));
        execution.setVariable("checkPassed", refusal.isEmpty());
        execution.setVariable("checkMessage", refusal.orElse(null));
    }
}
