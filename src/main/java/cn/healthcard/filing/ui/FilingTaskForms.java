package cn.healthcard.filing.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.filing.AttachmentView;
import cn.healthcard.filing.FilingCompletion;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingView;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The task forms of the filing case, thin adapters onto {@link FilingService}. */
@Configuration
class FilingTaskForms {

    /** The national centre's review: the application and its files (SM3), then approve / send back / reject. */
    @Bean
    TaskFormHandler filingReviewForm(FilingService filings) {
        return TaskForm.of("filing-review", task -> {
            FilingView f = filings.reviewFor(task.taskId());
            Map<String, Object> v = product(f);
            v.put("productVersion", f.productVersion());
            v.put("description", f.description() == null ? "" : f.description());
            v.put("submitted", f.channel() + " / " + f.createdBy() + " / " + ChinaTime.minutes(f.createdAt()));
            v.put("attachmentList", attachmentList(f.attachments()));
            return v;
        }, (task, values) -> filings.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    /** The desk completes an application sent back (version, description), or withdraws it. */
    @Bean
    TaskFormHandler filingCompleteForm(FilingService filings) {
        return TaskForm.of("filing-complete", task -> {
            FilingView f = filings.forReviseTask(task.taskId());
            Map<String, Object> v = product(f);
            v.put("reviewComment", f.reviewComment());
            v.put("productVersion", f.productVersion());
            v.put("description", f.description() == null ? "" : f.description());
            return v;
        }, (task, values) -> {
            FilingView f = filings.forReviseTask(task.taskId());
            if (values.action(Withdrawal.FORM_ACTION)) {
                filings.withdraw(f.id(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                filings.resubmit(f.id(), new FilingCompletion(values.string("productVersion"),
                        values.string("description"), List.of()));
            }
        });
    }

    /** The reminder before a filing's end, acknowledged by a national reviewer. */
    @Bean
    TaskFormHandler filingExpiryNoticeForm(FilingService filings) {
        return TaskForm.of("filing-expiry-notice", task -> {
            FilingView f = filings.forNoticeTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("filingNo", f.filingNo());
            v.put("manufacturerName", f.manufacturerName());
            v.put("product", f.productType().nameZh() + " " + f.model() + " " + f.productVersion());
            v.put("validUntil", String.valueOf(f.validUntil()));
            return v;
        }, (task, values) -> filings.acknowledgeExpiry(task.taskId()));
    }

    private static Map<String, Object> product(FilingView f) {
        Map<String, Object> v = new HashMap<>();
        v.put("caseNo", f.caseNo());
        v.put("manufacturerName", f.manufacturerName());
        v.put("productTypeName", f.productType().nameZh() + "（" + f.productType() + "）");
        v.put("model", f.model());
        return v;
    }

    static String attachmentList(List<AttachmentView> files) {
        return files.stream().map(a -> a.kind().nameZh() + "：" + a.fileName() + "（" + a.sizeBytes() + " B，SM3 "
                + a.sm3().substring(0, 16) + "…）").collect(Collectors.joining("\n"));
    }
}
