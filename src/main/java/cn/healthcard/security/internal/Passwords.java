package cn.healthcard.security.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import org.springframework.data.domain.Limit;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Setting a person's password under the policy (decision 024): the rules of {@link PasswordPolicy}, the history of the
 * last N hashes, and the history kept for the next change. Callers run in their own transaction.
 */
@Component
class Passwords {

    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final PasswordHistoryRepository history;
    private final Clock clock;

    Passwords(PasswordPolicy policy, PasswordEncoder encoder, PasswordHistoryRepository history, Clock clock) {
        this.policy = policy;
        this.encoder = encoder;
        this.history = history;
        this.clock = clock;
    }

    PasswordPolicy policy() {
        return policy;
    }

    boolean matches(String raw, String hash) {
        return raw != null && hash != null && encoder.matches(raw, hash);
    }

    /** Checks a password a person chose: the rules, then the history. Throws a 400 naming the field. */
    void check(String field, String label, UserAccount account, String raw) {
        check(field, label, account.username(), raw);
        if (matches(raw, account.passwordHash()) || recent(account.username()).stream()
                .anyMatch(h -> matches(raw, h.passwordHash()))) {
            throw new DomainValidationException(List.of(policy.reused(field, label)));
        }
    }

    /** The rules alone (a user who does not exist yet). */
    void check(String field, String label, String username, String raw) {
        List<FieldViolation> violations = new ArrayList<>(policy.violations(field, label, username, raw));
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
    }

    /** Stores a new password (hash), remembering it in the history. */
    void set(UserAccount account, String raw, boolean mustChange) {
        String hash = encoder.encode(raw);
        account.newPassword(hash, mustChange, clock.instant());
        history.save(new PasswordHistoryEntry(account.username(), hash, clock.instant()));
    }

    String encode(String raw) {
        return encoder.encode(raw);
    }

    /** Remembers the first password of a new account. */
    void remember(UserAccount account) {
        history.save(new PasswordHistoryEntry(account.username(), account.passwordHash(), clock.instant()));
    }

    private List<PasswordHistoryEntry> recent(String username) {
        return history.findByUsernameOrderByChangedAtDesc(username, Limit.of(Math.max(policy.history(), 1)));
    }
}
