package cn.healthcard.security.internal;

import cn.healthcard.common.FieldViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The password policy (SEC-01, docs/decisions/024-user-administration.md), configured under {@code healthcard.password.*}:
 * at least {@code min-length} (10) characters and at most 72 UTF-8 bytes (BCrypt's limit); {@code min-classes} (3) of
 * the four classes upper case, lower case, digit, other; not containing the username (case ignored); changed every
 * {@code expiry} (P90D); none of the last {@code history} (5) passwords again (checked by the caller against the
 * hashes). Demo users are exempt from expiry and from the forced change.
 */
@Component
class PasswordPolicy {

    static final int MAX_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String OTHER = "#%+=@*-";

    private final int minLength;
    private final int minClasses;
    private final Duration expiry;
    private final int history;

    PasswordPolicy(@Value("${healthcard.password.min-length:10}") int minLength,
                   @Value("${healthcard.password.min-classes:3}") int minClasses,
                   @Value("${healthcard.password.expiry:P90D}") Duration expiry,
                   @Value("${healthcard.password.history:5}") int history) {
        this.minLength = minLength;
        this.minClasses = minClasses;
        this.expiry = expiry;
        this.history = history;
    }

    int history() {
        return history;
    }

    /** The rules a new password breaks, each naming the field (empty when it is acceptable). */
    List<FieldViolation> violations(String field, String label, String username, String raw) {
        List<FieldViolation> found = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            found.add(new FieldViolation(field, "「" + label + "」必填"));
            return found;
        }
        if (raw.codePointCount(0, raw.length()) < minLength) {
            found.add(new FieldViolation(field, "「" + label + "」至少" + minLength + "位"));
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            found.add(new FieldViolation(field, "「" + label + "」过长（至多" + MAX_BYTES + "字节）"));
        }
        if (classes(raw) < minClasses) {
            found.add(new FieldViolation(field, "「" + label + "」须包含大写字母、小写字母、数字、其他字符中的至少"
                    + minClasses + "类"));
        }
        if (username != null && !username.isEmpty()
                && raw.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            found.add(new FieldViolation(field, "「" + label + "」不能包含用户名"));
        }
        return found;
    }

    /** The message when the password was one of the last {@link #history()} ones. */
    FieldViolation reused(String field, String label) {
        return new FieldViolation(field, "「" + label + "」不能与最近" + history + "次使用过的密码相同");
    }

    static int classes(String raw) {
        boolean upper = false, lower = false, digit = false, other = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** Whether the person must change the password before anything else: forced, or expired; never a demo user. */
    boolean changeRequired(UserAccount account, Instant now) {
        if (account.demo()) {
            return false;
        }
        return account.mustChangePassword() || account.passwordChangedAt() == null
                || !account.passwordChangedAt().plus(expiry).isAfter(now);
    }

    /** A temporary password of all four classes that passes the policy for the username. */
    String temporaryPassword(String username) {
        while (true) {
            List<Character> chars = new ArrayList<>();
            int length = Math.max(minLength, 12);
            chars.add(pick(UPPER));
            chars.add(pick(LOWER));
            chars.add(pick(DIGITS));
            chars.add(pick(OTHER));
            String all = UPPER + LOWER + DIGITS;
            while (chars.size() < length) {
                chars.add(pick(all));
            }
            Collections.shuffle(chars, RANDOM);
            StringBuilder b = new StringBuilder();
            chars.forEach(b::append);
            String candidate = b.toString();
            if (violations("password", "密码", username, candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
