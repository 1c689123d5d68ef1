package cn.healthcard.issuance.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import com.vaadin.flow.component.html.H2;
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

    NewApplicationView(CardApplicationService applications) {
        add(new H2(getTranslation("application.new.title")));
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        RenderedForm form = renderer.render(FormDefinition.load("card-application"), Map.of());
        form.setId("application-form");
        form.addSubmitListener(e -> {
            try {
                var application = applications.submit(ResidentFormValues.toData(FormValues.of(e.values())));
                Notification.show(getTranslation("application.submitted", application.applicationId()), 5000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("applications/" + application.applicationId()));
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("application.new.title") + " · " + getTranslation("app.title");
    }
}
