package cn.healthcard.security.internal;

import cn.healthcard.institution.InstitutionCaller;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Tells the institution register who is calling (its port {@link InstitutionCaller}): the institution module cannot
 * depend on security, which depends on it. Decision 023.
 */
@Component
class InstitutionCallerAdapter implements InstitutionCaller {

    @Override
    public Optional<Caller> current() {
        return SecurityContextUsers.current().map(u -> new Caller(u.username(), u.region()));
    }
}
