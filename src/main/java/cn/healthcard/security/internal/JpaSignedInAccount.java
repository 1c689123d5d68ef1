package cn.healthcard.security.internal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Keeps a signed-in session's identity in step with the account (decision 024): an admin's change of roles,
 * institution or name reaches a session that is open already, and a disabled account's session ends. Called by
 * {@link SignedInAccountFilter} when the account's version changed.
 */
@Component
class JpaSignedInAccount {

    private final AppUserDetailsService users;

    JpaSignedInAccount(AppUserDetailsService users) {
        this.users = users;
    }

    /**
     * Re-reads the signed-in person's account and updates the current security context's identity when it changed.
     *
     * @return false when the account is disabled or gone (the caller signs the session out); true otherwise, also
     * when nobody or a machine is signed in
     */
    boolean refresh() {
        var context = SecurityContextHolder.getContext();
        var auth = context.getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AppUserPrincipal signedIn)) {
            return true;
        }
        AppUserPrincipal now;
        try {
            now = (AppUserPrincipal) users.loadUserByUsername(signedIn.getUsername());
        } catch (UsernameNotFoundException e) {
            return false;
        }
        if (!now.isEnabled()) {
            return false;
        }
        if (!now.currentUser().equals(signedIn.currentUser())) {
            // the context object is the one the session keeps: the new identity holds for the next requests too
            var token = new UsernamePasswordAuthenticationToken(now, null, now.getAuthorities());
            token.setDetails(auth.getDetails());
            context.setAuthentication(token);
        }
        return true;
    }
}
