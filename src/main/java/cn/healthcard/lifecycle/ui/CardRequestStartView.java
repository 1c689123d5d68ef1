package cn.healthcard.lifecycle.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.lifecycle.RequestType;
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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.HashMap;
import java.util.Map;

/** The clerk accepts a card request (挂失/解挂/解锁/补换/注销) with its form from forms/. */
@Route(value = "card-requests/new/:type", layout = MainLayout.class)
@RolesAllowed("CLERK")
class CardRequestStartView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CardRequestService requests;
    private String title = "";

    CardRequestStartView(CardRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        RequestType type;
        try {
            type = RequestType.ofKey(event.getRouteParameters().get("type").orElse(""));
        } catch (IllegalArgumentException e) {
            event.forwardTo("inbox");
            return;
        }
        title = getTranslation("request.new.title", "en".equals(getLocale().getLanguage()) ? type.nameEn() : type.nameZh());
        add(new H2(title));
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        Map<String, Object> initial = new HashMap<>();
        event.getLocation().getQueryParameters().getSingleParameter("card").ifPresent(c -> initial.put("cardNo", c));
        RenderedForm form = renderer.render(FormDefinition.load(type.formKey()), initial);
        form.setId("request-form");
        form.addSubmitListener(e -> {
            try {
                var request = requests.submit(type, RequestFormValues.toData(FormValues.of(e.values())));
                Notification.show(getTranslation("request.submitted", request.requestId()), 5000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("card-requests/" + request.requestId()));
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
        return title + " · " + getTranslation("app.title");
    }
}
