package cn.healthcard.audit.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision 019 on a real PostgreSQL: the V14 tables and the SQL of the lockout and of the dead letters. */
@PostgresIntegrationTest
class PostgresLockoutAndDeadLetterIT {

    @Autowired TestRestTemplate rest;
    @Autowired UserAdministration userAdministration;
    @Autowired AuditChain chain;
    @Autowired AuditDeadLetters deadLetters;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("SEC-01 PostgreSQL: 5 wrong passwords lock the account, the right one then fails (401), an admin lifts the lock")
    void lockout() {
        String clerk = "pglock" + System.nanoTime() % 1_000_000;
        userAdministration.createIfAbsent(clerk, "right-pass-1", "锁定测试", "BJ-110105", Set.of(Role.CLERK), false,
                true);
        String probe = "/api/v1/users/nobody/lockout";
        for (int i = 0; i < 5; i++) {
            assertThat(rest.withBasicAuth(clerk, "wrong").getForEntity(probe, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(rest.withBasicAuth(clerk, "right-pass-1").getForEntity(probe, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("admin", "demo1234").exchange("/api/v1/users/" + clerk + "/lockout",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rest.withBasicAuth(clerk, "right-pass-1").getForEntity(probe, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("EHC-05 SEC-03 PostgreSQL: a poison entry among good ones goes to the dead letters, the good ones are chained")
    void deadLetter() throws Exception {
        String subject = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        AuditBatchWriter writer = new AuditBatchWriter(chain, deadLetters, transactions, 100, 100, false);
        writer.start();
        try {
            for (int i = 0; i < 4; i++) {
                writer.enqueue(new AuditEventEntity(Instant.now(), "BatchWriterTested", i == 2 ? "x".repeat(300)
                        : "system", null, "110105", "BatchWriterIT", subject + "-" + i, "API", "entry " + i));
            }
            CompletableFuture.runAsync(writer::flush).get(20, TimeUnit.SECONDS);
        } finally {
            writer.stop();
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_event where subject_id like ?", Long.class,
                subject + "-%")).isEqualTo(3);
        assertThat(users.as("auditor", () -> deadLetters.latest(1)).get(0).entryData())
                .contains("subjectId=" + subject + "-2");
        assertThat(users.as("auditor", () -> chain.walk()).firstBroken()).isNull();
    }
}
