package cn.healthcard.supervision.process;

import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.monthly.MonthlyReports;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task openMonthlyReports (开启各地区月报): the timer's path opens the month before for every centre's region (as SYSTEM). */
@Component("openMonthlyReportsDelegate")
class OpenMonthlyReportsDelegate implements JavaDelegate {

    private final MonthlyReports reports;

    OpenMonthlyReportsDelegate(MonthlyReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> reports.open(reports.dueMonth()));
    }
}
