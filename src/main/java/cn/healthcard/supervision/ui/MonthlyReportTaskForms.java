package cn.healthcard.supervision.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.supervision.monthly.MonthlyReport;
import cn.healthcard.supervision.monthly.MonthlyReports;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The review form of the monthly report (decision 037), a thin adapter onto {@link MonthlyReports}. */
@Configuration
class MonthlyReportTaskForms {

    @Bean
    TaskFormHandler monthlyReportReviewForm(MonthlyReports reports) {
        return TaskForm.of("monthly-report-review", task -> {
            MonthlyReport r = reports.reviewFor(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("reportNo", r.reportNo());
            v.put("regionName", r.regionName());
            v.put("month", r.month());
            v.put("generated", r.generatedAt() == null ? "—"
                    : ChinaTime.minutes(r.generatedAt()) + "（第 " + r.generation() + " 次）");
            v.put("summary", r.summary() == null ? "—" : r.summary());
            v.put("previousComment", r.reviewComment() == null ? "—" : r.reviewComment());
            return v;
        }, (task, values) -> reports.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment")), null))
                .withSidePanel(task -> Optional.of(pdfLink(reports, reports.reviewFor(task.taskId()))));
    }

    /** The draft's PDF to read before deciding (each download audited). */
    static Component pdfLink(MonthlyReports reports, MonthlyReport r) {
        Anchor link = new Anchor(DownloadHandler.fromInputStream(e -> {
            MonthlyReports.ReportFile file = reports.pdf(r.reportNo());
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(), "application/pdf",
                    file.content().length);
        }), "查看报告PDF（" + r.fileName() + "）");
        link.setId("monthly-report-pdf");
        link.setTarget("_blank");
        return link;
    }
}
