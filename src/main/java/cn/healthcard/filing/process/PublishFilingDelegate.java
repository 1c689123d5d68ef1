package cn.healthcard.filing.process;

import cn.healthcard.filing.FilingService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task publishFiling (备案并公布: filing number, validity period, in the catalogue; the process waits for the reminder and the lapse). */
@Component("publishFilingDelegate")
class PublishFilingDelegate implements JavaDelegate {

    private final FilingService filings;

    PublishFilingDelegate(FilingService filings) {
        this.filings = filings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var validity = SecurityContextUsers.runAsSystem(() -> filings.publish(execution.getBusinessKey()));
        execution.setVariable("filingNo", validity.filingNo());
        execution.setVariable("reminderAt", validity.reminderAt());
        execution.setVariable("lapsesAt", validity.lapsesAt());
    }
}
