package cn.healthcard.security.internal;

import cn.healthcard.security.LoginLockouts;
import cn.healthcard.security.UserLockoutCleared;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

@Service
class JdbcLoginLockouts implements LoginLockouts {

    private final LoginFailures failures;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;

    JdbcLoginLockouts(LoginFailures failures, ApplicationEventPublisher events, java.time.Clock clock) {
        this.failures = failures;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Optional<Lockout> lockout(String username) {
        return Optional.ofNullable(failures.current(username)).filter(s -> !failures.policy().expired(s,
                clock.instant())).map(s -> new Lockout(s.failures(), s.lockedAt(clock.instant()) ? s.lockedUntil()
                : null));
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void unlock(String username) {
        var state = failures.current(username);
        failures.clear(username);
        events.publishEvent(new UserLockoutCleared(username == null || username.length() > 64
                ? username == null ? "-" : username.substring(0, 64) : username,
                state != null && state.lockedAt(clock.instant()), state == null ? 0 : state.failures()));
    }

    /** Forgets failures that neither lock nor count any more. */
    @Scheduled(fixedDelayString = "${healthcard.security.lockout.purge-interval:PT15M}")
    @Transactional
    public void purge() {
        failures.purge();
    }
}
