package cn.healthcard.processadmin.ui;

import cn.healthcard.processadmin.ModelDiff;
import cn.healthcard.processadmin.ProcessChangeService;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The task forms of the process-change case (decision 032), thin adapters onto {@link ProcessChangeService}. */
@Configuration
class ProcessChangeTaskForms {

    /** A second admin's review: the change, its diff and check result, then approve / send back / reject. */
    @Bean
    TaskFormHandler processChangeReviewForm(ProcessChangeService changes) {
        return TaskForm.of("process-change-review", task -> {
            ProcessChangeView c = changes.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("changeNo", c.changeNo());
            v.put("processKey", c.processKey() + "（" + c.kind() + "，基于 " + c.baseDefinitionId() + "）");
            v.put("submittedBy", c.submittedBy());
            v.put("note", c.note());
            v.put("diff", diffText(c));
            v.put("problems", c.problems().isEmpty() ? "检查通过" : c.problems().stream()
                    .map(p -> p.elementId() + " " + p.rule() + " " + p.message()).collect(Collectors.joining("\n")));
            return v;
        }, (task, values) -> changes.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    /** A returned change: resubmitted with a new note (a new model comes through the modeler), or withdrawn. */
    @Bean
    TaskFormHandler processChangeReviseForm(ProcessChangeService changes) {
        return TaskForm.of("process-change-revise", task -> {
            ProcessChangeView c = changes.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("processKey", c.processKey());
            v.put("baseDefinitionId", c.baseDefinitionId());
            v.put("note", c.note());
            v.put("reviewComment", c.reviewComment());
            return v;
        }, (task, values) -> {
            if (values.action(Withdrawal.FORM_ACTION)) {
                changes.withdraw(task.taskId(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                ProcessChangeView c = changes.forTask(task.taskId());
                changes.resubmit(task.taskId(), changes.xml(c.changeId()), values.string("note"));
            }
        });
    }

    /** The diff as lines: "+ id (type name)", "− id …", "~ id: what: before → after". */
    static String diffText(ProcessChangeView c) {
        if (c.diff().isEmpty()) {
            return "无变化";
        }
        StringBuilder s = new StringBuilder();
        for (ModelDiff.Entry e : c.diff()) {
            s.append(switch (e.kind()) {
                case ADDED -> "+ ";
                case REMOVED -> "− ";
                case CHANGED -> "~ ";
            }).append(e.elementId()).append(" (").append(e.type())
                    .append(e.name().isEmpty() ? "" : " " + e.name()).append(")");
            if (!e.changes().isEmpty()) {
                s.append(": ").append(String.join("; ", e.changes()));
            }
            s.append('\n');
        }
        return s.toString().strip();
    }
}
