package cn.healthcard.security.ui;

import cn.healthcard.security.OwnPassword;
import cn.healthcard.security.SignedInAccount;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the session in step with the account at every navigation ({@link SignedInAccount}: changed roles take effect,
 * a disabled account is signed out), and leads a signed-in person whose password must be changed (created or reset by an admin, or expired; decision 024)
 * to 「修改密码」 from every other screen, until it is changed. The login page stays reachable (to sign out and in).
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class PasswordChangeGuard implements VaadinServiceInitListener {

    private final OwnPassword passwords;
    private final SignedInAccount account;
    private final AuthenticationContext authentication;

    PasswordChangeGuard(OwnPassword passwords, SignedInAccount account, AuthenticationContext authentication) {
        this.passwords = passwords;
        this.account = account;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == LoginView.class) {
            return;
        }
        if (!account.refresh()) {
            authentication.logout();
            return;
        }
        if (target == ChangePasswordView.class) {
            return;
        }
        if (passwords.changeRequired()) {
            event.forwardTo(ChangePasswordView.class);
        }
    }
}
