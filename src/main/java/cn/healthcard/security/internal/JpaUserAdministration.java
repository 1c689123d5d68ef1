package cn.healthcard.security.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

@Service
class JpaUserAdministration implements UserAdministration {

    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final java.time.Clock clock;

    JpaUserAdministration(UserAccountRepository users, PasswordEncoder encoder, java.time.Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void createIfAbsent(String username, String rawPassword, String displayName, String institutionCode,
                               Set<Role> roles, boolean groupLead, boolean demo) {
        if (!users.existsById(username)) {
            // set-up and demo data choose the password themselves: no forced change
            users.save(new UserAccount(username, encoder.encode(rawPassword), displayName, institutionCode, roles,
                    groupLead, demo, false, clock.instant()));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<UserSummary> all() {
        return users.findAll().stream().filter(UserAccount::enabled)
                .map(u -> new UserSummary(u.username(), u.displayName(), Set.copyOf(u.roles()))).toList();
    }
}
