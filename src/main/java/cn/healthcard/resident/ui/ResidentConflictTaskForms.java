package cn.healthcard.resident.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.resident.ResidentConflictReview;
import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/** The task form of the resident-data conflict case, a thin adapter onto {@link ResidentConflictService}. */
@Configuration
class ResidentConflictTaskForms {

    /**
     * The review of a supervisor of the record's region: the record's identity data next to the filed ones (the
     * read audited by the service), then approve or reject.
     */
    @Bean
    TaskFormHandler residentConflictReviewForm(ResidentConflictService conflicts) {
        return TaskForm.of("resident-conflict-review", task -> {
            ResidentConflictReview r = conflicts.reviewFor(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("caseNo", r.caseNo());
            v.put("documentNumberMasked", r.documentNumberMasked());
            v.put("filedBy", region(r.filerRegionCode()) + " / " + r.createdBy());
            v.put("submittedAt", ChinaTime.minutes(r.createdAt()));
            v.put("currentName", r.current().name());
            v.put("filedName", r.filed().name());
            v.put("currentSex", code(CodeTables.sexes().name(r.current().sex()).orElse(null), r.current().sex()));
            v.put("filedSex", code(CodeTables.sexes().name(r.filed().sex()).orElse(null), r.filed().sex()));
            v.put("currentEthnicity", code(CodeTables.ethnicities().name(r.current().ethnicity()).orElse(null),
                    r.current().ethnicity()));
            v.put("filedEthnicity", code(CodeTables.ethnicities().name(r.filed().ethnicity()).orElse(null),
                    r.filed().ethnicity()));
            v.put("currentBirthDate", r.current().birthDate().toString());
            v.put("filedBirthDate", r.filed().birthDate().toString());
            v.put("reason", r.reason());
            return v;
        }, (task, values) -> conflicts.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))));
    }

    private static String code(String name, String code) {
        return name == null ? code : name + "（" + code + "）";
    }

    private static String region(String code) {
        return CodeTables.regions().name(code).map(n -> n + "（" + code + "）").orElse(code);
    }
}
