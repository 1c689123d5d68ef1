package cn.healthcard.security.internal;

import cn.healthcard.security.internal.LockoutPolicy.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutPolicyTest {

    private final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-12-06T08:00:00Z");

    private State fail(int times, Instant from, Duration step) {
        State s = null;
        for (int i = 0; i < times; i++) {
            s = policy.failed(s, from.plus(step.multipliedBy(i)));
        }
        return s;
    }

    @Test
    @DisplayName("SEC-01 the fifth failure within 15 minutes locks for 15 minutes; the lock ends by itself (unlock by time)")
    void fifthFailureLocks() {
        State four = fail(4, t0, Duration.ofMinutes(1));
        assertThat(four.lockedAt(t0.plusSeconds(300))).isFalse();
        State five = policy.failed(four, t0.plus(Duration.ofMinutes(4)));
        assertThat(five.lockedUntil()).isEqualTo(t0.plus(Duration.ofMinutes(19)));
        assertThat(five.lockedAt(t0.plus(Duration.ofMinutes(18)))).isTrue();
        assertThat(five.lockedAt(t0.plus(Duration.ofMinutes(19)))).isFalse();
        assertThat(policy.failed(five, t0.plus(Duration.ofMinutes(10)))).as("failures while locked change nothing")
                .isEqualTo(five);
        State after = policy.failed(five, t0.plus(Duration.ofMinutes(20)));
        assertThat(after.failures()).as("a failure after the lock starts a new count").isEqualTo(1);
        assertThat(after.lockedUntil()).isNull();
    }

    @Test
    @DisplayName("SEC-01 failures spread wider than the window do not lock")
    void slowFailuresDoNotLock() {
        State s = fail(10, t0, Duration.ofMinutes(16));
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.lockedUntil()).isNull();
        assertThat(policy.expired(s, t0.plus(Duration.ofMinutes(16 * 9 + 15)))).isTrue();
    }
}
