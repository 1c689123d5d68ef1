package cn.healthcard.sam.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.security.access.AccessDeniedException;

/** Notifications of the SAM screens: the service's answer in the user's words. */
final class SamUi {

    private SamUi() {
    }

    /** Runs the action; a refusal is shown, not thrown. Returns whether it succeeded. */
    static boolean attempt(Runnable action) {
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

    static void ok(String message) {
        Notification.show(message, 4000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
