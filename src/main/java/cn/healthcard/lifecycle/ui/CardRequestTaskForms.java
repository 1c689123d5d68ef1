package cn.healthcard.lifecycle.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.Masking;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.lifecycle.internal.RequestPrintout;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The task forms of the lifecycle processes, each a thin adapter onto {@link CardRequestService}. */
@Configuration
class CardRequestTaskForms {

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("lossDate", "丢失日期"),
            Map.entry("lossReason", "挂失原因"), Map.entry("unlossReason", "解挂原因"),
            Map.entry("cardPresented", "已出示卡片"), Map.entry("lockDate", "密码锁定日期"),
            Map.entry("lockReason", "密码锁定原因"), Map.entry("replacementReason", "补领原因"),
            Map.entry("otherReason", "其他原因"), Map.entry("oldCardReturned", "原卡已交回"),
            Map.entry("feeAmount", "工本费（元）"), Map.entry("feeReceiptNo", "收费票据号"),
            Map.entry("temporaryCardRequested", "申领临时卡"), Map.entry("cancellationReason", "注销原因"),
            Map.entry("cardReturned", "卡片已交回"));
    private static final Map<String, String> REASONS = Map.of("LOST", "丢失", "DAMAGED", "损坏",
            "INFO_CHANGE", "信息变更", "OTHER", "其他");

    @Bean
    TaskFormHandler cardRequestReviewForm(CardRequestService requests) {
        return TaskForm.of("card-request-review", task -> {
            var r = requests.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("requestTypeName", r.type().nameZh());
            v.put("cardNo", r.cardNo());
            v.put("applicantName", r.applicantName());
            v.put("documentNumberMasked", r.documentNumberMasked());
            v.put("cardStatusName", r.cardStatus() == null ? "" : r.cardStatus().nameZh());
            v.put("requestSummary", summary(requests.formForTask(task.taskId())));
            v.put("submittedAt", ChinaTime.minutes(r.createdAt()));
            return v;
        }, (task, values) -> requests.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    @Bean
    TaskFormHandler lossReportReviseForm(CardRequestService requests) {
        return revise(requests, RequestType.LOSS_REPORT);
    }

    @Bean
    TaskFormHandler unlossReviseForm(CardRequestService requests) {
        return revise(requests, RequestType.UNLOSS);
    }

    @Bean
    TaskFormHandler unlockReviseForm(CardRequestService requests) {
        return revise(requests, RequestType.UNLOCK);
    }

    @Bean
    TaskFormHandler replacementReviseForm(CardRequestService requests) {
        return revise(requests, RequestType.REPLACEMENT);
    }

    @Bean
    TaskFormHandler cancellationReviseForm(CardRequestService requests) {
        return revise(requests, RequestType.CANCELLATION);
    }

    /**
     * The clerk's correction of a sent-back request (the stored form, the reason it came back), or its withdrawal
     * (button {@code withdraw}).
     */
    private static TaskFormHandler revise(CardRequestService requests, RequestType type) {
        return TaskForm.of(type.reviseFormKey(), task -> {
            Map<String, Object> v = RequestFormValues.toValues(requests.formForTask(task.taskId()));
            v.put("reviewComment", requests.forTask(task.taskId()).reviewComment());
            return v;
        }, (task, values) -> {
            if (values.action(Withdrawal.FORM_ACTION)) {
                requests.withdraw(task.taskId(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                requests.resubmit(task.taskId(), RequestFormValues.toData(values));
            }
        });
    }

    @Bean
    TaskFormHandler replacementPickupForm(CardRequestService requests) {
        return TaskForm.of("replacement-pickup", task -> {
            var r = requests.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("newCardNo", r.newCardNo());
            v.put("applicantName", r.applicantName());
            v.put("temporaryCardNo", r.temporaryCardNo());
            return v;
        }, (task, values) -> requests.registerReplacementPickup(task.taskId(), values.flag("identityVerified"),
                values.flag("temporaryCardReturned"), values.flag("oldCardReturned")))
                .afterSubmit(task -> "card-requests/" + task.businessKey());
    }

    /** The request's content as lines for the reviewer; the phone and identity document masked. */
    static String summary(Map<String, Object> form) {
        StringBuilder text = new StringBuilder();
        text.append("联系电话：").append(Masking.phone(String.valueOf(form.get("applicantPhone")))).append('\n');
        text.append("出示证件：").append(Masking.documentNumber(String.valueOf(form.get("identityDocumentNumber"))))
                .append('\n');
        form.forEach((k, v) -> {
            if (LABELS.containsKey(k) && v != null && !v.toString().isBlank()) {
                Object shown = v instanceof Boolean b ? (b ? "是" : "否")
                        : "replacementReason".equals(k) ? REASONS.getOrDefault(v.toString(), v.toString()) : v;
                text.append(LABELS.get(k)).append('：').append(shown).append('\n');
            }
        });
        if (form.get("changes") instanceof List<?> changes && !changes.isEmpty()) {
            text.append("变更条目：\n");
            for (Object o : changes) {
                if (o instanceof Map<?, ?> c) {
                    text.append("  ").append(RequestPrintout.ITEM_NAMES.getOrDefault(c.get("item"), String.valueOf(c.get("item"))))
                            .append("：").append(c.get("oldValue")).append(" → ").append(c.get("newValue"))
                            .append(c.get("reason") == null ? "" : "（" + c.get("reason") + "）").append('\n');
                }
            }
        }
        return text.toString().trim();
    }
}
