package cn.healthcard.security.internal;

import cn.healthcard.common.FieldViolation;
import cn.healthcard.security.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(10, 3, Duration.ofDays(90), 5);

    @Test
    @DisplayName("SEC-01 password policy: at least 10 characters, 3 of 4 classes, not the username, at most 72 bytes; each breach names the field in Chinese")
    void rules() {
        assertThat(policy.violations("newPassword", "新密码", "zhang", "Abcdef12#x")).isEmpty();
        assertThat(policy.violations("newPassword", "新密码", "zhang", "测试密码Abc12345")).isEmpty();
        assertThat(policy.violations("newPassword", "新密码", "zhang", "abcdefgh12")).hasSize(1); // 2 classes
    }

    @Test
    @DisplayName("SEC-01 password policy: too short, too few classes, the username inside, too long, empty")
    void breaches() {
        assertThat(messages("zhang", "Ab1#")).containsExactly("「新密码」至少10位");
        assertThat(messages("zhang", "abcdefghijkl")).containsExactly(
                "「新密码」须包含大写字母、小写字母、数字、其他字符中的至少3类");
        assertThat(messages("zhang", "xxZHANGxx1#")).containsExactly("「新密码」不能包含用户名");
        assertThat(messages("zhang", "Aa1#" + "测".repeat(30))).containsExactly("「新密码」过长（至多72字节）");
        assertThat(messages("zhang", "")).containsExactly("「新密码」必填");
        assertThat(policy.violations("newPassword", "新密码", "zhang", "Ab1#").get(0).field())
                .isEqualTo("newPassword");
        assertThat(PasswordPolicy.classes("aA1#")).isEqualTo(4);
        assertThat(PasswordPolicy.classes("测试Aa")).isEqualTo(3); // Chinese characters count as "other"
    }

    @Test
    @DisplayName("SEC-01 password expiry after 90 days and the forced change; demo users are exempt from both")
    void expiryAndForcedChange() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        var fresh = account(false, false, now.minus(Duration.ofDays(89)));
        var expired = account(false, false, now.minus(Duration.ofDays(90)));
        var forced = account(false, true, now);
        var demo = account(true, true, now.minus(Duration.ofDays(900)));
        assertThat(policy.changeRequired(fresh, now)).isFalse();
        assertThat(policy.changeRequired(expired, now)).isTrue();
        assertThat(policy.changeRequired(forced, now)).isTrue();
        assertThat(policy.changeRequired(demo, now)).isFalse();
    }

    @Test
    @DisplayName("SEC-01 temporary passwords pass the policy, have all four classes and differ each time")
    void temporaryPasswords() {
        String a = policy.temporaryPassword("wang");
        String b = policy.temporaryPassword("wang");
        assertThat(policy.violations("p", "密码", "wang", a)).isEmpty();
        assertThat(PasswordPolicy.classes(a)).isEqualTo(4);
        assertThat(a).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo(b);
    }

    private java.util.List<String> messages(String username, String raw) {
        return policy.violations("newPassword", "新密码", username, raw).stream().map(FieldViolation::message)
                .toList();
    }

    private static UserAccount account(boolean demo, boolean mustChange, Instant changedAt) {
        return new UserAccount("u" + System.nanoTime(), "{noop}x", "测试", "BJ-110105", Set.of(Role.CLERK), false,
                demo, mustChange, changedAt);
    }
}
