package cn.healthcard.filing.process;

import cn.healthcard.filing.FilingService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task lapseFiling (备案失效: the validity period ended, off the catalogue). */
@Component("lapseFilingDelegate")
class LapseFilingDelegate implements JavaDelegate {

    private final FilingService filings;

    LapseFilingDelegate(FilingService filings) {
        this.filings = filings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> filings.lapse(execution.getBusinessKey()));
    }
}
