package cn.healthcard.security.internal;

import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AppUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;
    private final InstitutionService institutions;
    private final PasswordPolicy policy;
    private final java.time.Clock clock;

    AppUserDetailsService(UserAccountRepository users, InstitutionService institutions, PasswordPolicy policy,
                          java.time.Clock clock) {
        this.users = users;
        this.institutions = institutions;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = users.findById(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        var institution = institutions.get(account.institutionCode());
        // SYSTEM (the process engine) and APP (apps signed in by the e-card gateway) are machine identities: a stored
        // row can never give them to a person
        var roles = java.util.EnumSet.noneOf(cn.healthcard.security.Role.class);
        account.roles().stream().filter(r -> !r.machineOnly()).forEach(roles::add);
        var user = new CurrentUser(account.username(), account.displayName(), institution.code(),
                institution.region(), roles);
        return new AppUserPrincipal(user, account.passwordHash(), account.enabled(),
                policy.changeRequired(account, clock.instant()));
    }
}
