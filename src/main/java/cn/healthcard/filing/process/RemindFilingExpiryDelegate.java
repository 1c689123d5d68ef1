package cn.healthcard.filing.process;

import cn.healthcard.filing.FilingService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task remindFilingExpiry (到期提醒: the reminder before the end of the validity period). */
@Component("remindFilingExpiryDelegate")
class RemindFilingExpiryDelegate implements JavaDelegate {

    private final FilingService filings;

    RemindFilingExpiryDelegate(FilingService filings) {
        this.filings = filings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> filings.remind(execution.getBusinessKey()));
    }
}
