package cn.healthcard.security.ui;

import cn.healthcard.security.OwnPassword;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Leads a signed-in person whose password must be changed (created or reset by an admin, or expired; decision 024)
 * to 「修改密码」 from every other screen, until it is changed. The login page stays reachable (to sign out and in).
 * That the session follows the account (changed roles, a disabled account) is the session chain's
 * {@code SignedInAccountFilter}, at every request.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class PasswordChangeGuard implements VaadinServiceInitListener {

    private final OwnPassword passwords;

    PasswordChangeGuard(OwnPassword passwords) {
        this.passwords = passwords;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == LoginView.class || target == ChangePasswordView.class) {
            return;
        }
        if (passwords.changeRequired()) {
            event.forwardTo(ChangePasswordView.class);
        }
    }
}
