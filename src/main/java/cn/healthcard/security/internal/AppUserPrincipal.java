package cn.healthcard.security.internal;

import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers.HasCurrentUser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;

/**
 * The signed-in person: Spring Security's user plus the institution and region that scope their data, and whether
 * the password must be changed before anything else (decision 024; as read at sign-in).
 */
record AppUserPrincipal(CurrentUser currentUser, String password, boolean enabled, boolean passwordChangeRequired)
        implements UserDetails, HasCurrentUser {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return currentUser.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return currentUser.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "AppUserPrincipal[" + currentUser.username() + "]";
    }
}
