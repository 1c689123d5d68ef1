package cn.healthcard.security.internal;

import cn.healthcard.security.SignedInAccount;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class JpaSignedInAccount implements SignedInAccount {

    private final AppUserDetailsService users;

    JpaSignedInAccount(AppUserDetailsService users) {
        this.users = users;
    }

    @Override
    public boolean refresh() {
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
