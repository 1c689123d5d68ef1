package cn.healthcard.samsupply.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.samsupply.SamApplicationData;
import cn.healthcard.samsupply.SamApplicationService;
import cn.healthcard.samsupply.SamApplicationView;
import cn.healthcard.samsupply.SamTerminalType;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The task forms of the SAM application case, thin adapters onto {@link SamApplicationService}. */
@Configuration
class SamApplicationTaskForms {

    /** The provincial centre's review: the application, then approve / send back / reject. */
    @Bean
    TaskFormHandler samApplicationReviewForm(SamApplicationService applications) {
        return TaskForm.of("sam-application-review", task -> {
            SamApplicationView a = applications.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("applicationNo", a.applicationNo());
            v.put("institutionName", a.institutionName() + "（" + a.institutionCode() + "）");
            v.put("terminalTypeName", a.terminalType().nameZh());
            v.put("quantityText", a.quantity() + " 张");
            v.put("reasonText", a.reason());
            return v;
        }, (task, values) -> applications.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    /** The city centre's clerk revises a sent-back application and resubmits it, or withdraws it. */
    @Bean
    TaskFormHandler samApplicationReviseForm(SamApplicationService applications) {
        return TaskForm.of("sam-application-revise", task -> {
            SamApplicationView a = applications.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("institutionCode", a.institutionCode());
            v.put("terminalType", a.terminalType().name());
            v.put("quantity", a.quantity());
            v.put("reason", a.reason());
            v.put("reviewComment", a.reviewComment());
            return v;
        }, (task, values) -> {
            if (values.action(Withdrawal.FORM_ACTION)) {
                applications.withdraw(task.taskId(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                applications.resubmit(task.taskId(), data(values));
            }
        });
    }

    /** The form's values as an application (also for the registration screen). */
    static SamApplicationData data(FormValues values) {
        return new SamApplicationData(values.string("institutionCode"),
                values.enumValue("terminalType", SamTerminalType.class), quantity(values.string("quantity")),
                values.string("reason"));
    }

    static Integer quantity(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DomainValidationException("quantity", "「申领数量」应为整数");
        }
    }
}
