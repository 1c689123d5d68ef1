package cn.healthcard.security.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The counting rule of the sign-in lockout (decision 019), without storage: failures within a window; the failure that
 * reaches the maximum locks the account for a while; a failure after the window or after a lock has run out starts a
 * new count.
 */
record LockoutPolicy(int maxFailures, Duration window, Duration duration) {

    LockoutPolicy {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("healthcard.security.lockout: max-failures >= 1, window and duration "
                    + "positive");
        }
    }

    /** An account's failures: how many since when, and the lock (null when none was set). */
    record State(int failures, Instant firstFailureAt, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** The state after one more failure at {@code now}; {@code current} null when nothing is counted. */
    State failed(State current, Instant now) {
        if (current != null && current.lockedAt(now)) {
            return current; // a failure while locked neither extends nor restarts the lock
        }
        boolean fresh = current == null || current.lockedUntil() != null
                || !now.isBefore(current.firstFailureAt().plus(window));
        int failures = fresh ? 1 : current.failures() + 1;
        Instant first = fresh ? now : current.firstFailureAt();
        return new State(failures, first, failures >= maxFailures ? now.plus(duration) : null);
    }

    /** Whether a stored state can be forgotten at {@code now} (neither locked nor inside its window). */
    boolean expired(State state, Instant now) {
        return !state.lockedAt(now) && !now.isBefore(state.firstFailureAt().plus(window));
    }
}
