package cn.healthcard.audit.internal;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TamperedAuditEntry;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code bin/audit} commands through their runner bean (the command itself ends the JVM, so the test calls
 * {@link AuditCommandRunner#execute} and checks the exit code it would end with).
 */
@IntegrationTest
class AuditCommandRunnerIT {

    @Autowired AuditCommandRunner runner;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;

    @Test
    @DisplayName("SEC-03: bin/audit verify exits 0 on an intact chain, as the system from the command channel, and records its run")
    void verifyIntact() {
        var out = new ByteArrayOutputStream();

        int code = runner.execute(AuditCommandRunner.VERIFY, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain INTACT (完整): ")
                .contains(" entries checked in ");
        assertThat(lastEntry("AuditChainVerified")).containsEntry("ACTOR", "system").containsEntry("CHANNEL", "COMMAND");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    @DisplayName("SEC-03: bin/audit verify exits 1 on a tampered chain and prints the first broken entry's id and fields; 0 again once the entry is restored")
    void verifyTampered() {
        try (var tampered = TamperedAuditEntry.create(jdbc, users, tx, events)) {
            var out = new ByteArrayOutputStream();

            int code = runner.execute(AuditCommandRunner.VERIFY, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .startsWith("audit chain BROKEN (断裂) at entry " + tampered.id() + ": ")
                    .contains("first broken entry: id=" + tampered.id() + " ")
                    .contains("detail=" + TamperedAuditEntry.TAMPERED_DETAIL);
            assertThat(lastEntry("AuditChainVerified")).containsEntry("ACTOR", "system")
                    .hasEntrySatisfying("DETAIL", d -> assertThat(d.toString())
                            .startsWith("broken firstBrokenId=" + tampered.id() + " "));
        }
        assertThat(runner.execute(AuditCommandRunner.VERIFY, new PrintStream(new ByteArrayOutputStream()))).isZero();
    }

    @Test
    @DisplayName("BPM-03: bin/audit rebuild-index exits 0 and prints the entries indexed; an unknown command exits 2; without healthcard.command the runner does nothing")
    void rebuildIndexAndUsage() throws Exception {
        var out = new ByteArrayOutputStream();

        int code = runner.execute(AuditCommandRunner.REBUILD_INDEX, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit search index healthcard-audit REBUILT")
                .contains(" entries indexed in ");
        assertThat(lastEntry("AuditIndexRebuilt")).containsEntry("ACTOR", "system").containsEntry("CHANNEL", "COMMAND");

        assertThat(runner.execute("audit-nonsense", new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        runner.run(new DefaultApplicationArguments()); // the test context has no healthcard.command: returns
    }

    private Map<String, Object> lastEntry(String eventType) {
        return jdbc.queryForMap("SELECT actor, channel, detail FROM audit_event WHERE event_type = ?"
                + " ORDER BY id DESC LIMIT 1", eventType);
    }
}
