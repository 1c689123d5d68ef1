package cn.healthcard.keys.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.shell.MainLayout;
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
import org.springframework.security.access.AccessDeniedException;

import java.util.Map;

/** A key administrator starts a key ceremony with forms/key-ceremony.form; a second one co-signs from the inbox. */
@Route(value = "keys/ceremonies/new", layout = MainLayout.class)
@RolesAllowed("KEY_ADMIN")
class KeyCeremonyStartView extends VerticalLayout implements HasDynamicTitle {

    KeyCeremonyStartView(KeyCeremonyService keys) {
        add(new H2(getTranslation("keys.ceremony.new")));
        var renderer = new FormRenderer(new KeyOptions(keys.keyAdministrators()), FieldComponentRegistry.standard(),
                getLocale());
        RenderedForm form = renderer.render(FormDefinition.load("key-ceremony"), Map.of());
        form.setId("ceremony-form");
        form.addSubmitListener(e -> {
            try {
                var ceremony = keys.startCeremony(KeyFormValues.request(e.values()));
                Notification.show(getTranslation("keys.ceremony.started", ceremony.id()), 6000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("keys/ceremonies/" + ceremony.id()));
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException | AccessDeniedException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("keys.ceremony.new") + " · " + getTranslation("app.title");
    }
}
