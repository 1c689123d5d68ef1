package cn.healthcard.security.internal;

import cn.healthcard.support.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/admin create-first-admin} through its runner bean (the command itself ends the JVM): it creates the first
 * administrator only while no enabled ADMIN exists. The demo admins are disabled for the duration of the test and
 * enabled again afterwards.
 */
@IntegrationTest
class AdminCommandRunnerIT {

    @Autowired AdminCommandRunner runner;
    @Autowired JdbcTemplate jdbc;
    @Autowired PasswordEncoder encoder;
    @Autowired IdentityService identity;

    @Test
    @DisplayName("SEC-01 bin/admin create-first-admin creates the first ADMIN on an installation without one (password checked against the policy, audited, engine groups), and refuses with exit 1 the second time")
    void createsOnceOnly() {
        String username = "first" + System.nanoTime() % 1_000_000;
        var request = new AdminCommandRunner.Request(username, "首位管理员", "NHC-000000", null, null);
        // an installation with an enabled admin (the demo one): refused, nothing created
        var out = new ByteArrayOutputStream();
        assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request, o -> "Zx9#first-pass".toCharArray(),
                print(out))).isEqualTo(AdminCommandRunner.REFUSED);
        assertThat(text(out)).startsWith("REFUSED (已拒绝)");
        assertThat(count(username)).isZero();

        List<String> admins = jdbc.queryForList("SELECT u.username FROM app_user u JOIN app_user_role r"
                + " ON r.username = u.username WHERE r.role = 'ADMIN' AND u.enabled = TRUE", String.class);
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username IN (SELECT username FROM app_user_role"
                + " WHERE role = 'ADMIN')");
        try {
            // a weak password: exit 2, nothing created
            var weak = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request, o -> "short".toCharArray(),
                    print(weak))).isEqualTo(AdminCommandRunner.USAGE);
            assertThat(text(weak)).contains("INVALID (无效) password: 「密码」至少10位");
            assertThat(count(username)).isZero();
            // an unknown institution without name and region: exit 2
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    new AdminCommandRunner.Request(username, "首位管理员", "NO-SUCH", null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(new ByteArrayOutputStream())))
                    .isEqualTo(AdminCommandRunner.USAGE);
            // missing arguments: exit 2
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    new AdminCommandRunner.Request(null, null, null, null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(new ByteArrayOutputStream())))
                    .isEqualTo(AdminCommandRunner.USAGE);

            var created = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request,
                    o -> "Zx9#first-pass".toCharArray(), print(created))).isEqualTo(AdminCommandRunner.OK);
            assertThat(text(created)).startsWith("CREATED (已创建): administrator " + username + " of NHC-000000");
            var row = jdbc.queryForMap("SELECT password_hash, enabled, must_change_password, demo FROM app_user"
                    + " WHERE username = ?", username);
            assertThat(encoder.matches("Zx9#first-pass", (String) row.get("PASSWORD_HASH"))).isTrue();
            assertThat(row).containsEntry("ENABLED", true).containsEntry("MUST_CHANGE_PASSWORD", false)
                    .containsEntry("DEMO", false);
            assertThat(jdbc.queryForList("SELECT role FROM app_user_role WHERE username = ?", String.class, username))
                    .containsExactly("ADMIN");
            assertThat(identity.createUserQuery().userId(username).memberOfGroup("ADMIN").count()).isEqualTo(1);
            assertThat(identity.createUserQuery().userId(username).memberOfGroup("camunda-admin").count())
                    .isEqualTo(1);
            assertThat(jdbc.queryForMap("SELECT actor, detail FROM audit_event WHERE event_type = 'UserCreated'"
                    + " AND subject_id = ?", username)).containsEntry("ACTOR", "system");

            // the second time: an enabled admin exists now
            var second = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    new AdminCommandRunner.Request(username + "b", "第二位", "NHC-000000", null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(second))).isEqualTo(AdminCommandRunner.REFUSED);
            assertThat(count(username + "b")).isZero();
        } finally {
            jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", username);
            admins.forEach(a -> jdbc.update("UPDATE app_user SET enabled = TRUE WHERE username = ?", a));
        }
        assertThat(runner.execute("admin-nonsense", request, o -> new char[0], print(new ByteArrayOutputStream())))
                .isEqualTo(AdminCommandRunner.USAGE);
        runner.run(new DefaultApplicationArguments()); // no healthcard.command in the test context: returns
    }

    private int count(String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
