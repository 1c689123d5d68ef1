package cn.healthcard.supervision.process;

import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.monthly.MonthlyReports;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task publishMonthlyReport (发布月度报告): the approved report is listed for everyone in scope. */
@Component("publishMonthlyReportDelegate")
class PublishMonthlyReportDelegate implements JavaDelegate {

    private final MonthlyReports reports;

    PublishMonthlyReportDelegate(MonthlyReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> reports.publish(execution.getBusinessKey()));
    }
}
