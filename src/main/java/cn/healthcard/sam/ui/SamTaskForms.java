package cn.healthcard.sam.ui;

import cn.healthcard.sam.FreezeReason;
import cn.healthcard.sam.SamCaseService;
import cn.healthcard.sam.SamCaseView;
import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/** The task forms of the SAM freeze case, thin adapters onto {@link SamCaseService}. */
@Configuration
class SamTaskForms {

    @Bean
    TaskFormHandler samFreezeReviewForm(SamCaseService cases, SamRegister register) {
        return TaskForm.of("sam-freeze-review", task -> {
            SamCaseView c = cases.reviewFor(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("caseNo", c.caseNo());
            v.put("samNo", c.samNo());
            v.put("actionName", c.action().nameZh());
            v.put("freezeReasonName", c.freezeReason() == null ? "—" : c.freezeReason().nameZh());
            v.put("urgentName", c.urgent() ? "是（已立即冻结，审核通过即确认，不予通过则解冻）" : "否");
            v.put("reason", c.reason());
            SamCardView card = register.get(c.samNo());
            v.put("binding", card.terminalNo() == null ? "未绑定"
                    : card.institutionCode() + " / " + card.terminalType().nameZh() + " / " + card.terminalNo());
            v.put("requested", c.requestedBy());
            return v;
        }, (task, values) -> cases.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    @Bean
    TaskFormHandler samFreezeReviseForm(SamCaseService cases) {
        return TaskForm.of("sam-freeze-revise", task -> {
            SamCaseView c = cases.forReviseTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("samNo", c.samNo());
            v.put("action", c.action().name());
            v.put("freezeReason", c.freezeReason() == null ? null : c.freezeReason().name());
            v.put("urgent", c.urgent());
            v.put("reason", c.reason());
            v.put("reviewComment", c.reviewComment());
            return v;
        }, (task, values) -> {
            if (values.action(Withdrawal.FORM_ACTION)) {
                cases.withdraw(task.taskId(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                cases.resubmit(task.taskId(), values.enumValue("freezeReason", FreezeReason.class),
                        values.string("reason"));
            }
        });
    }
}
