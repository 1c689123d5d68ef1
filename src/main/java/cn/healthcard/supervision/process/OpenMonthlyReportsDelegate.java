package cn.healthcard.supervision.process;

import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.monthly.MonthlyReports;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN task openMonthlyReports (开启各地区月报, asynchronous, R3/PT10M): the timer's path opens the month before for every
 * centre's region (as SYSTEM). Each region commits on its own; when some failed the job fails after the others are
 * open, so the engine's retry opens only the missing ones and the last failure is an incident (decision 037).
 */
@Component("openMonthlyReportsDelegate")
class OpenMonthlyReportsDelegate implements JavaDelegate {

    private final MonthlyReports reports;

    OpenMonthlyReportsDelegate(MonthlyReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MonthlyReports.Opened result = SecurityContextUsers.runAsSystem(() -> reports.open(reports.dueMonth()));
        if (!result.failed().isEmpty()) {
            throw new IllegalStateException("月度报告 " + result.month() + " 以下地区开启失败，将重试: "
                    + String.join(",", result.failed()));
        }
    }
}
