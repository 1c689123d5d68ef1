package cn.healthcard.security.internal;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Counts each failed sign-in against the client address it came from (decision 019). */
class SignInFailureListener {

    private final ClientThrottle signIns;

    SignInFailureListener(ClientThrottle signIns) {
        this.signIns = signIns;
    }

    @EventListener
    public void on(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() != null
                && event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            signIns.failed(details.getRemoteAddress());
        }
    }
}
