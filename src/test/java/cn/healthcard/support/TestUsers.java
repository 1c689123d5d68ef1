package cn.healthcard.support;

import cn.healthcard.common.RegionCode;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs test code as one of the demo users, through the real user store — or as a demo machine client such as
 * {@code platform} (decision 020): its identity as the API gives it (institution, region, the roles of its scopes).
 */
@Component
public class TestUsers {

    private final UserDetailsService users;
    private final ApiClientAdministration clients;

    public TestUsers(UserDetailsService users, ApiClientAdministration clients) {
        this.users = users;
        this.clients = clients;
    }

    /** The authentication of the user, or of the machine client when no user has the name. */
    public Authentication authentication(String username) {
        try {
            var principal = users.loadUserByUsername(username);
            return new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities());
        } catch (UsernameNotFoundException e) {
            var client = as("admin", () -> clients.client(username));
            var user = new CurrentUser(client.clientId(), client.name(), client.institutionCode(),
                    RegionCode.of(client.regionCode()), client.roles());
            SecurityContextUsers.HasCurrentUser machine = new SecurityContextUsers.HasCurrentUser() {
                @Override
                public CurrentUser currentUser() {
                    return user;
                }

                @Override
                public boolean machineClient() {
                    return true;
                }
            };
            return new UsernamePasswordAuthenticationToken(machine, null, user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        }
    }

    public <T> T as(String username, Supplier<T> action) {
        Authentication authentication = authentication(username);
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public void run(String username, Runnable action) {
        as(username, () -> {
            action.run();
            return null;
        });
    }
}
