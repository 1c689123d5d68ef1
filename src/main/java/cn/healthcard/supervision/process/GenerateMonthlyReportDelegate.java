package cn.healthcard.supervision.process;

import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.monthly.MonthlyReports;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task generateMonthlyReport (生成月度报告): renders the region's PDF from the statistics of its scope. */
@Component("generateMonthlyReportDelegate")
class GenerateMonthlyReportDelegate implements JavaDelegate {

    private final MonthlyReports reports;

    GenerateMonthlyReportDelegate(MonthlyReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> reports.generate(execution.getBusinessKey()));
    }
}
