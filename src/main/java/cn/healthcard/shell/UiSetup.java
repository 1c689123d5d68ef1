package cn.healthcard.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Every UI starts in Chinese unless the user picked English in this session (the users are Chinese civil servants),
 * and an unexpected error is shown to the user as a message in their language instead of vanishing into the log.
 */
@Component
class UiSetup implements VaadinServiceInitListener {

    static final String SESSION_LOCALE = "healthcard.locale";
    private static final Logger log = LoggerFactory.getLogger(UiSetup.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> {
            Object chosen = VaadinSession.getCurrent() == null ? null
                    : VaadinSession.getCurrent().getAttribute(SESSION_LOCALE);
            e.getUI().setLocale(chosen instanceof Locale l ? l : Translations.CHINESE);
        });
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(error -> {
            Throwable cause = rootCause(error.getThrowable());
            UI ui = UI.getCurrent();
            if (ui == null) {
                log.error("UI error outside a UI", error.getThrowable());
                return;
            }
            String key = cause instanceof AccessDeniedException ? "error.accessDenied" : "error.unexpected";
            if (!(cause instanceof AccessDeniedException)) {
                log.error("unexpected UI error", error.getThrowable());
            }
            Notification.show(ui.getTranslation(key), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof AccessDeniedException)) {
            c = c.getCause();
        }
        return c;
    }
}
