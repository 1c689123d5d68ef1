package cn.healthcard.samsupply.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.shell.Translations;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers of the SAM screens: language, dates, and service refusals shown with their own message. */
final class SamUi {

    private SamUi() {
    }

    static boolean english(Locale locale) {
        return locale != null && Translations.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    static String time(Instant at) {
        return at == null ? "—" : ChinaTime.minutes(at);
    }

    static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "—" : value.toString();
    }

    /** Runs a service call; a refusal (400, 403, 404, 409) is shown with the service's own Chinese message. */
    static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (DomainValidationException e) {
            error(e.violations().stream().map(v -> v.message()).collect(Collectors.joining("；")));
        } catch (ConflictException | NotFoundException | AccessDeniedException e) {
            error(e.getMessage());
        }
        return false;
    }

    static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void ok(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
