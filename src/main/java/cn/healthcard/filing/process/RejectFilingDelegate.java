package cn.healthcard.filing.process;

import cn.healthcard.filing.FilingService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task rejectFiling (不予备案: rejected by the reviewer or refused by the check). */
@Component("rejectFilingDelegate")
class RejectFilingDelegate implements JavaDelegate {

    private final FilingService filings;

    RejectFilingDelegate(FilingService filings) {
        this.filings = filings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object checkMessage = execution.getVariable("checkMessage");
        SecurityContextUsers.runAsSystem(() -> filings.reject(execution.getBusinessKey(),
                checkMessage == null ? null : checkMessage.toString()));
    }
}
