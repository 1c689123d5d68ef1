package cn.healthcard.shell;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.Locale;

/**
 * What the screens share around a service call: the service's refusal (400, 403, 404, 409) shown with its own Chinese
 * message instead of thrown, success and error notifications, and the small formatting of language, times and blanks.
 */
public final class ScreenNotices {

    private ScreenNotices() {
    }

    /** Runs a service call; a refusal is shown with the service's own message, not thrown. Whether it succeeded. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (DomainValidationException e) {
            error(String.join("；", e.violations().stream().map(FieldViolation::message).toList()));
        } catch (ConflictException | NotFoundException | AccessDeniedException e) {
            error(e.getMessage());
        }
        return false;
    }

    public static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void ok(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static boolean english(Locale locale) {
        return locale != null && Translations.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    public static String time(Instant at) {
        return at == null ? "—" : ChinaTime.minutes(at);
    }

    public static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "—" : value.toString();
    }

    /** A blank entry as null, otherwise stripped. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
