package cn.healthcard.security.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

@Service
class JpaUserDirectory implements UserDirectory {

    private final UserAccountRepository users;

    JpaUserDirectory(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> groupLead(String institutionCode, Role role) {
        return users.findLeads(institutionCode, role).stream().findFirst().map(UserAccount::username);
    }

    @Override
    @Transactional(readOnly = true)
    public String displayName(String username) {
        return users.findById(username).map(UserAccount::displayName).orElse(username);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean holds(String username, String institutionCode, Role role) {
        return username != null && users.findById(username).filter(UserAccount::enabled)
                .filter(u -> institutionCode.equals(u.institutionCode()) && u.roles().contains(role)).isPresent();
    }
}
