package cn.healthcard.security.internal;

import cn.healthcard.security.internal.LockoutPolicy.State;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per account in the table {@code login_failure}, shared by every node (decision 019). An account is
 * keyed by the SHA-256 of the name typed (64 hex digits), known or not: an unknown name is counted and locked exactly
 * like a known one (nothing tells an attacker which names exist), no lookup of the user is needed, and the typed text
 * (perhaps a password typed into the wrong field) is never stored.
 * <p>
 * Each node keeps what it last read per account for {@code healthcard.security.lockout.cache} (default 1 s), so that
 * the sign-in of a busy API client costs no database read per request; a lock set or lifted on another node is
 * therefore seen here within that time.
 */
@Component
class LoginFailures {

    private static final int MAX_CACHED = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final Clock clock;
    private final LockoutPolicy policy;
    private final long cacheNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(State state, long readAt) {
    }

    LoginFailures(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                  @Value("${healthcard.security.lockout.max-failures:5}") int maxFailures,
                  @Value("${healthcard.security.lockout.window:PT15M}") Duration window,
                  @Value("${healthcard.security.lockout.duration:PT15M}") Duration duration,
                  @Value("${healthcard.security.lockout.cache:PT1S}") Duration cache) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.policy = new LockoutPolicy(maxFailures, window, duration);
        this.cacheNanos = cache.toNanos();
    }

    /** The key of a typed name: hex SHA-256 of its UTF-8 bytes. */
    static String key(String typed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(typed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until when the typed name is locked; null when it is not. */
    Instant lockedUntil(String typed) {
        State state = state(key(typed));
        return state != null && state.lockedAt(clock.instant()) ? state.lockedUntil() : null;
    }

    /** Counts a failed sign-in; returns the state after it (locked or not). */
    State failed(String typed) {
        String key = key(typed);
        Instant now = clock.instant();
        State next;
        try {
            next = own.execute(tx -> {
                State current = read(key, true);
                State after = policy.failed(current, now);
                if (current == null) {
                    jdbc.update("INSERT INTO login_failure (account_key, failures, first_failure_at, locked_until) "
                            + "VALUES (?, ?, ?, ?)", key, after.failures(), utc(after.firstFailureAt()),
                            utc(after.lockedUntil()));
                } else if (!after.equals(current)) {
                    jdbc.update("UPDATE login_failure SET failures = ?, first_failure_at = ?, locked_until = ? "
                            + "WHERE account_key = ?", after.failures(), utc(after.firstFailureAt()),
                            utc(after.lockedUntil()), key);
                }
                return after;
            });
        } catch (DuplicateKeyException raced) { // another node inserted the first failure meanwhile
            return failed(typed);
        }
        remember(key, next);
        return next;
    }

    /** A successful sign-in forgets the failures counted (a database write only when there are some). */
    void succeeded(String username) {
        String key = key(username);
        Cached cached = cache.get(key);
        if (cached != null && cached.state() == null) {
            return;
        }
        own.executeWithoutResult(tx -> jdbc.update("DELETE FROM login_failure WHERE account_key = ?", key));
        remember(key, null);
    }

    /** The current state of a name (fresh from the database). */
    State current(String typed) {
        String key = key(typed);
        State state = read(key, false);
        remember(key, state);
        return state;
    }

    /** Forgets the failures and the lock of a name on every node (within the cache time). */
    void clear(String typed) {
        String key = key(typed);
        jdbc.update("DELETE FROM login_failure WHERE account_key = ?", key);
        cache.remove(key);
    }

    /** Deletes rows that are neither locked nor inside their window (any node may run it). */
    int purge() {
        Instant now = clock.instant();
        return jdbc.update("DELETE FROM login_failure WHERE first_failure_at < ? AND (locked_until IS NULL OR "
                + "locked_until < ?)", utc(now.minus(policy.window())), utc(now));
    }

    LockoutPolicy policy() {
        return policy;
    }

    private State state(String key) {
        Cached cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.readAt() < cacheNanos) {
            return cached.state();
        }
        State state = read(key, false);
        remember(key, state);
        return state;
    }

    private void remember(String key, State state) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(state, System.nanoTime()));
    }

    private State read(String key, boolean forUpdate) {
        List<State> rows = jdbc.query("SELECT failures, first_failure_at, locked_until FROM login_failure "
                        + "WHERE account_key = ?" + (forUpdate ? " FOR UPDATE" : ""),
                (rs, i) -> new State(rs.getInt(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))), key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static LocalDateTime utc(Instant instant) {
        // as the application writes Instants (hibernate.jdbc.time_zone: UTC)
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
