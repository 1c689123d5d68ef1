package cn.healthcard.security.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.OwnPassword;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserPasswordChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Service
class JpaOwnPassword implements OwnPassword {

    private final UserAccountRepository users;
    private final Passwords passwords;
    private final InstitutionService institutions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JpaOwnPassword(UserAccountRepository users, Passwords passwords, InstitutionService institutions,
                   ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.institutions = institutions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean changeRequired() {
        return person().flatMap(u -> users.findById(u.username()))
                .map(a -> passwords.policy().changeRequired(a, clock.instant())).orElse(false);
    }

    @Override
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void change(String oldPassword, String newPassword) {
        UserAccount account = person().flatMap(u -> users.findById(u.username()))
                .orElseThrow(() -> new AccessDeniedException("only a person changes a password"));
        if (oldPassword == null || oldPassword.isEmpty() || oldPassword.length() > 200
                || !passwords.matches(oldPassword, account.passwordHash())) {
            throw new DomainValidationException(List.of(new FieldViolation("oldPassword", "「原密码」不正确")));
        }
        passwords.check("newPassword", "新密码", account, newPassword);
        passwords.set(account, newPassword, false);
        users.saveAndFlush(account);
        events.publishEvent(new UserPasswordChanged(account.username(),
                institutions.get(account.institutionCode()).region().value(), false));
    }

    /** The signed-in person: never the system or an app, nor a machine client (it has no stored user). */
    private static Optional<CurrentUser> person() {
        return SecurityContextUsers.current().filter(u -> u.roles().stream().noneMatch(Role::machineOnly));
    }
}
