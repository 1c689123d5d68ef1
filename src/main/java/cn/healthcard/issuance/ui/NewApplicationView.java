package cn.healthcard.issuance.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentConflictFiling;
import cn.healthcard.resident.ResidentConflictService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.Map;

/** 申领登记 (APP-01): the clerk registers an application with the form forms/card-application.form. */
@Route(value = "applications/new", layout = MainLayout.class)
@RolesAllowed("CLERK")
class NewApplicationView extends VerticalLayout implements HasDynamicTitle {

    private final ResidentConflictService conflicts;
    /** 「提交档案核实申请」 after a 409 RESIDENT_DATA_CONFLICT, for the data last refused. */
    private Button fileConflict;

    NewApplicationView(CardApplicationService applications, ResidentConflictService conflicts) {
        this.conflicts = conflicts;
        add(new H2(getTranslation("application.new.title")));
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        RenderedForm form = renderer.render(FormDefinition.load("card-application"), Map.of());
        form.setId("application-form");
        form.addSubmitListener(e -> {
            ResidentData data = null;
            try {
                data = ResidentFormValues.toData(FormValues.of(e.values()));
                var application = applications.submit(data);
                Notification.show(getTranslation("application.submitted", application.applicationId()), 5000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("applications/" + application.applicationId()));
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                if (ResidentService.DATA_CONFLICT.equals(ex.code())) {
                    offerConflictReview(data);
                }
            }
        });
        add(form);
    }

    /**
     * The record belongs to another region and the identity data entered differ from it (ORG-05): offer to file them
     * with a reason for that region's review (forms/resident-conflict.form); once approved, the application goes
     * through.
     */
    private void offerConflictReview(ResidentData data) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("conflict.file.title"));
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        RenderedForm form = renderer.render(FormDefinition.load("resident-conflict"), Map.of());
        form.setId("resident-conflict-form");
        form.addSubmitListener(e -> {
            try {
                var filed = conflicts.file(ResidentConflictFiling.of(data, FormValues.of(e.values()).string("reason")));
                dialog.close();
                Notification.show(getTranslation("conflict.filed", filed.caseNo()), 10000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException | NotFoundException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.add(new Paragraph(getTranslation("conflict.file.hint")), form);
        dialog.getFooter().add(new Button(getTranslation("conflict.file.cancel"), c -> dialog.close()));
        if (fileConflict != null) {
            remove(fileConflict);
        }
        fileConflict = new Button(getTranslation("conflict.file.open"), c -> dialog.open());
        fileConflict.setId("file-resident-conflict");
        add(fileConflict);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("application.new.title") + " · " + getTranslation("app.title");
    }
}
