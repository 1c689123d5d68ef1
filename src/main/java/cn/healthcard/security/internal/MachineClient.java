package cn.healthcard.security.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.security.ApiScope;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers.HasCurrentUser;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A machine client acting on the API (decision 020), by bearer token or HTTP Basic: a {@link CurrentUser} whose
 * username is the client id, with its institution and region (region scoping as for a person) and the roles of its
 * scopes ({@link ApiScope#roles}, never more than {@link ApiScope#GRANTABLE_ROLES}), plus the scopes themselves, which
 * {@link ClientScopeAuthorization} checks against the request path.
 */
record MachineClient(CurrentUser currentUser, Set<String> scopes) implements HasCurrentUser, AuthenticatedPrincipal {

    static MachineClient of(String clientId, String name, String institutionCode, RegionCode region,
                            Set<String> scopes) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(ApiScope.roles(scopes));
        return new MachineClient(new CurrentUser(clientId, name, institutionCode, region, roles), Set.copyOf(scopes));
    }

    Collection<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        currentUser.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        scopes.stream().sorted().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return authorities;
    }

    @Override
    public boolean machineClient() {
        return true;
    }

    @Override
    public String getName() {
        return currentUser.username();
    }

    @Override
    public String toString() {
        return "MachineClient[" + currentUser.username() + "]";
    }
}
