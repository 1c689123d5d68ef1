package cn.healthcard.security;

import cn.healthcard.common.ConflictException;
import cn.healthcard.security.UserManagement.NewUser;
import cn.healthcard.security.UserManagement.Outcome;
import cn.healthcard.security.UserManagement.UserChange;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * User administration on a real PostgreSQL server (SEC-01, decision 024): the V25 schema, two admins changing one
 * user at the same moment (one wins, the other gets 409), the password history, the two-person rule and the engine's
 * memberships in the same transactions.
 */
@PostgresIntegrationTest
class PostgresUserManagementIT {

    @Autowired UserManagement management;
    @Autowired OwnPassword ownPassword;
    @Autowired TestUsers users;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;
    @Autowired cn.healthcard.security.UserAdministration administration;

    @Test
    @DisplayName("SEC-01 on PostgreSQL: two admins change one user concurrently from the same version — exactly one change lands, the other is 409; history and forced change hold")
    void concurrentChangesAndPasswords() throws Exception {
        String second = "pgadm" + System.nanoTime() % 100_000;
        // as set-up makes one: one admin alone cannot create an ADMIN (two-person rule)
        administration.createIfAbsent(second, "Pg7#second-admin", "第二管理员", "BJ-110000", Set.of(Role.ADMIN),
                false, false);
        String u = "pgu" + System.nanoTime() % 100_000;
        Outcome created = users.as("admin", () -> management.create(new NewUser(u, "并发测试", "BJ-110105",
                Set.of(Role.CLERK), false)));
        long version = created.user().version();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String admin : List.of("admin", second)) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    users.run(admin, () -> management.modify(u, version, new UserChange("由" + admin + "修改",
                            EnumSet.of(Role.CLERK, Role.WAREHOUSE), "BJ-110105", false)));
                    return "ok";
                } catch (ConflictException e) {
                    return e.code();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsExactlyInAnyOrder("ok", "STALE_VERSION");
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("WAREHOUSE").count()).isEqualTo(1);

        // the forced change and the history
        assertThat(users.as(u, () -> ownPassword.changeRequired())).isTrue();
        users.run(u, () -> ownPassword.change(created.temporaryPassword(), "Pg7#first-choice"));
        assertThat(users.as(u, () -> ownPassword.changeRequired())).isFalse();
        assertThatThrownBy(() -> users.run(u, () -> ownPassword.change("Pg7#first-choice",
                created.temporaryPassword()))).isInstanceOf(cn.healthcard.common.DomainValidationException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user_password_history WHERE username = ?",
                Integer.class, u)).isEqualTo(2);

        // the two-person rule
        Outcome grant = users.as("admin", () -> management.modify(u, management(u).version(),
                new UserChange("将任审计", Set.of(Role.AUDITOR), "BJ-110105", false)));
        assertThat(grant.awaitsApproval()).isTrue();
        assertThat(management(u).roles()).containsExactlyInAnyOrder(Role.CLERK, Role.WAREHOUSE);
        users.run(second, () -> management.approve(grant.pending().id()));
        assertThat(management(u).roles()).containsExactly(Role.AUDITOR);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("AUDITOR").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId(u).memberOfGroup("CLERK").count()).isZero();
    }

    private UserManagement.UserView management(String username) {
        return users.as("admin", () -> management.user(username));
    }
}
