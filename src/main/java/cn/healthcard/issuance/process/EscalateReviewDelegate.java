package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task {@code escalateReview} (升级至审核组长), after the review timer fires. */
@Component("escalateReviewDelegate")
class EscalateReviewDelegate implements JavaDelegate {

    private final CardApplicationService applications;

    EscalateReviewDelegate(CardApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> applications.escalateReview(execution.getBusinessKey(),
                execution.getProcessInstanceId()));
    }
}
