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
 * administrator only while no ADMIN account exists. The demo admins lose the role for the duration of the test and
 * get it back afterwards.
 */
@IntegrationTest
class AdminCommandRunnerIT {

    @Autowired AdminCommandRunner runner;
    @Autowired JdbcTemplate jdbc;
    @Autowired PasswordEncoder encoder;
    @Autowired IdentityService identity;

    @Test
    @DisplayName("SEC-01 bin/admin create-first-admin creates the first ADMIN only on an installation without any admin account (a disabled one counts), password checked against the policy, audited, engine groups; refused with exit 1 the second time")
    void createsOnceOnly() {
        String username = "first" + System.nanoTime() % 1_000_000;
        var request = request(username, "NHC-000000", null, null);
        // an installation with an enabled admin (the demo one): refused, nothing created
        var out = new ByteArrayOutputStream();
        assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request, o -> "Zx9#first-pass".toCharArray(),
                print(out))).isEqualTo(AdminCommandRunner.REFUSED);
        assertThat(text(out)).startsWith("REFUSED (已拒绝)");
        assertThat(count(username)).isZero();

        List<String> admins = jdbc.queryForList("SELECT username FROM app_user_role WHERE role = 'ADMIN'",
                String.class);
        List<String> enabled = jdbc.queryForList("SELECT u.username FROM app_user u JOIN app_user_role r"
                + " ON r.username = u.username WHERE r.role = 'ADMIN' AND u.enabled = TRUE", String.class);
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username IN (SELECT username FROM app_user_role"
                + " WHERE role = 'ADMIN')");
        try {
            // only disabled admins: still refused (a disabled admin comes back by two admins, not by this bootstrap)
            var disabled = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request,
                    o -> "Zx9#first-pass".toCharArray(), print(disabled))).isEqualTo(AdminCommandRunner.REFUSED);
            assertThat(count(username)).isZero();

            jdbc.update("DELETE FROM app_user_role WHERE role = 'ADMIN'");
            // a weak password: exit 2, nothing created
            var weak = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request, o -> "short".toCharArray(),
                    print(weak))).isEqualTo(AdminCommandRunner.USAGE);
            assertThat(text(weak)).contains("INVALID (无效) password: 「密码」至少10位");
            assertThat(count(username)).isZero();
            // an unknown institution without name and region: exit 2
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN, request(username, "NO-SUCH", null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(new ByteArrayOutputStream())))
                    .isEqualTo(AdminCommandRunner.USAGE);
            // missing arguments: exit 2
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    new AdminCommandRunner.Request(null, null, null, null, null, null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(new ByteArrayOutputStream())))
                    .isEqualTo(AdminCommandRunner.USAGE);
            // a new centre follows the register's rules: none at county level, none beside Beijing's
            String centre = "YN-" + System.nanoTime() % 1_000_000;
            for (String region : List.of("110105", "110000")) {
                var refused = new ByteArrayOutputStream();
                assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                        request(username, centre, "测试注册管理中心", region), o -> "Zx9#first-pass".toCharArray(),
                        print(refused))).as(region).isEqualTo(AdminCommandRunner.USAGE);
                assertThat(text(refused)).as(region).contains("INVALID (无效) regionCode");
                assertThat(count(username)).isZero();
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM institution WHERE code = ?", Integer.class,
                        centre)).isZero();
            }

            var created = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    request(username, centre, "云南省居民健康卡注册管理中心", "530000"),
                    o -> "Zx9#first-pass".toCharArray(), print(created))).isEqualTo(AdminCommandRunner.OK);
            assertThat(text(created)).startsWith("CREATED (已创建): administrator " + username + " of " + centre);
            // registered like any registration: under the national centre, in the exchange log, audited
            assertThat(jdbc.queryForMap("SELECT kind, superior_code FROM institution WHERE code = ?", centre))
                    .containsEntry("KIND", "REGISTRATION_CENTRE").containsEntry("SUPERIOR_CODE", "NHC-000000");
            assertThat(jdbc.queryForMap("SELECT change_type, region_code, changed_by FROM institution_change"
                    + " WHERE code = ?", centre)).containsEntry("CHANGE_TYPE", "REGISTERED")
                    .containsEntry("REGION_CODE", "530000").containsEntry("CHANGED_BY", "system");
            var row = jdbc.queryForMap("SELECT password_hash, enabled, must_change_password, demo, institution_code"
                    + " FROM app_user WHERE username = ?", username);
            assertThat(encoder.matches("Zx9#first-pass", (String) row.get("PASSWORD_HASH"))).isTrue();
            assertThat(row).containsEntry("ENABLED", true).containsEntry("MUST_CHANGE_PASSWORD", false)
                    .containsEntry("DEMO", false).containsEntry("INSTITUTION_CODE", centre);
            assertThat(jdbc.queryForList("SELECT role FROM app_user_role WHERE username = ?", String.class, username))
                    .containsExactly("ADMIN");
            assertThat(identity.createUserQuery().userId(username).memberOfGroup("ADMIN").count()).isEqualTo(1);
            assertThat(identity.createUserQuery().userId(username).memberOfGroup("camunda-admin").count())
                    .isEqualTo(1);
            assertThat(jdbc.queryForMap("SELECT actor, detail FROM audit_event WHERE event_type = 'UserCreated'"
                    + " AND subject_id = ?", username)).containsEntry("ACTOR", "system");

            // the second time: an admin exists now
            var second = new ByteArrayOutputStream();
            assertThat(runner.execute(AdminCommandRunner.CREATE_FIRST_ADMIN,
                    request(username + "b", "NHC-000000", null, null),
                    o -> "Zx9#first-pass".toCharArray(), print(second))).isEqualTo(AdminCommandRunner.REFUSED);
            assertThat(count(username + "b")).isZero();
        } finally {
            jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", username);
            jdbc.update("DELETE FROM app_user_role WHERE username = ? AND role = 'ADMIN'", username);
            admins.forEach(a -> jdbc.update("INSERT INTO app_user_role (username, role) VALUES (?, 'ADMIN')", a));
            enabled.forEach(a -> jdbc.update("UPDATE app_user SET enabled = TRUE WHERE username = ?", a));
        }
        assertThat(runner.execute("admin-nonsense", request, o -> new char[0], print(new ByteArrayOutputStream())))
                .isEqualTo(AdminCommandRunner.USAGE);
        runner.run(new DefaultApplicationArguments()); // no healthcard.command in the test context: returns
    }

    private static AdminCommandRunner.Request request(String username, String institution, String name,
                                                      String region) {
        return new AdminCommandRunner.Request(username, "首位管理员", institution, name, region,
                name == null ? null : "0951-1234567", name == null ? null : "银川市测试路1号");
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
