package cn.healthcard.security;

import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in lockout (SEC-01, GB/T 22239 level 3 login-failure handling, decision 019): after
 * {@code healthcard.security.lockout.max-failures} (default 5) failed sign-ins within
 * {@code healthcard.security.lockout.window} (15 min) an account is locked for
 * {@code healthcard.security.lockout.duration} (15 min) — for HTTP Basic and the login page alike, on every node (the state is in the database). Admins may lift
 * a lock earlier through the API {@code DELETE /api/v1/users/{username}/lockout}.
 */
public interface LoginLockouts {

    /** The lock or the failures counted for a username, if any (admins). */
    Optional<Lockout> lockout(String username);

    /** Lifts the lock and forgets the failures of a username (admins); audited as {@code UserLockoutCleared}. */
    void unlock(String username);

    /**
     * @param failures    failed sign-ins counted in the current window
     * @param lockedUntil until when the account is locked; null when it is not
     */
    record Lockout(int failures, Instant lockedUntil) {
    }
}
