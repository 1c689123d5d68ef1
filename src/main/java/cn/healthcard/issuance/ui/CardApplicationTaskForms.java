package cn.healthcard.issuance.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.issuance.PickupData;
import cn.healthcard.resident.PhotoValidator;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.Withdrawal;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The task forms of the card-application process, each a thin adapter onto {@link CardApplicationService}. */
@Configuration
class CardApplicationTaskForms {

    @Bean
    TaskFormHandler reviewApplicationForm(CardApplicationService applications, InstitutionService institutions) {
        return TaskForm.of("review-application", task -> {
            var app = applications.forTask(task.taskId());
            var r = app.resident();
            Map<String, Object> v = new HashMap<>();
            v.put("applicantName", r.nameMasked());
            v.put("documentTypeName", CodeTables.documentTypes().name(r.documentType()).orElse(r.documentType()));
            v.put("documentNumberMasked", r.documentNumberMasked());
            v.put("sexName", CodeTables.sexes().name(r.sex()).orElse(r.sex()));
            v.put("birthDate", r.birthDate());
            v.put("institutionName", institutions.get(app.institutionCode()).name());
            v.put("submittedAt", ChinaTime.minutes(app.createdAt()));
            return v;
        }, (task, values) -> applications.review(task.taskId(),
                Review.of(values.string("decision"), values.string("comment"))))
                .withSidePanel(task -> photo(applications, task));
    }

    /** The photo beside the data, so the reviewer matches person and photo (APP-05); the read is audited. */
    private static Optional<Component> photo(CardApplicationService applications, TaskRef task) {
        return applications.photoForReview(task.taskId()).map(photo -> {
            var image = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(
                    new ByteArrayInputStream(photo), "photo", PhotoValidator.contentType(photo), photo.length)).inline(),
                    "照片");
            image.setId("review-photo");
            image.setWidth("179px");
            image.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("align-self", "flex-start");
            return image;
        });
    }

    /** The clerk's correction of a returned application, or its withdrawal (button {@code withdraw}). */
    @Bean
    TaskFormHandler reviseApplicationForm(CardApplicationService applications) {
        return TaskForm.of("card-application-revise", task -> {
            Map<String, Object> v = ResidentFormValues.toValues(applications.residentForCorrection(task.taskId()));
            v.put("reviewComment", applications.forTask(task.taskId()).reviewComment());
            return v;
        }, (task, values) -> {
            if (values.action(Withdrawal.FORM_ACTION)) {
                applications.withdraw(task.taskId(), new Withdrawal(values.string(Withdrawal.REASON_FIELD)));
            } else {
                applications.resubmit(task.taskId(), ResidentFormValues.toData(values));
            }
        });
    }

    @Bean
    TaskFormHandler cardPickupForm(CardApplicationService applications) {
        return TaskForm.of("card-pickup", task -> {
            var app = applications.forTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("cardNo", app.cardNo());
            v.put("applicantName", app.resident().nameMasked());
            return v;
        }, (task, values) -> {
            boolean bySelf = !"AGENT".equals(values.string("pickedUpBy"));
            applications.registerPickup(task.taskId(), new PickupData(bySelf, values.string("agentName"),
                    values.string("agentDocumentType"), values.string("agentDocumentNumber"),
                    values.flag("identityVerified"), values.string("notes")));
        });
    }
}
