package cn.healthcard.shell;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Every UI starts in Chinese unless the user picked English in this session (the users are Chinese civil servants). */
@Component
class LocaleSetup implements VaadinServiceInitListener {

    static final String SESSION_LOCALE = "healthcard.locale";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> {
            Object chosen = VaadinSession.getCurrent() == null ? null
                    : VaadinSession.getCurrent().getAttribute(SESSION_LOCALE);
            e.getUI().setLocale(chosen instanceof Locale l ? l : Translations.CHINESE);
        });
    }
}
