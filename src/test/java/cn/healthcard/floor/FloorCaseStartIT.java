package cn.healthcard.floor;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The floor case starts after the plan submission commits, once per batch, and a failed start is retried (028). */
@IntegrationTest
class FloorCaseStartIT {

    @Autowired FloorScenarios scenarios;
    @Autowired FloorCaseStarts starts;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @Autowired FloorCaseStartWitness witness;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired ProductionPlans plans;
    @Autowired DropFolder folders;
    @Autowired TestUsers users;
    @Autowired FloorService floor;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    private long cases(String batch) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(FloorService.PROCESS_KEY)
                .processInstanceBusinessKey(batch).count();
    }

    @Test
    @DisplayName("APP-08 BPM-01: the floor case starts after the plan submission commits; a floor that cannot start leaves the submission committed, the failure recorded and audited, and the retry starts the case exactly once")
    void startsAfterCommitAndIsRetried() {
        String batch;
        repository.suspendProcessDefinitionByKey(FloorService.PROCESS_KEY);
        try {
            batch = scenarios.submit(FloorScenarios.MAKER_A, 1, false);
        } finally {
            repository.activateProcessDefinitionByKey(FloorService.PROCESS_KEY);
        }
        // the submission committed: the batch is released on the issuer's side and requested on the floor
        assertThat(scenarios.productionStatus(batch)).isEqualTo("RELEASED");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT case_started_at, start_attempts, start_error FROM floor_batch WHERE batch_no = ?", batch);
        assertThat(row.get("CASE_STARTED_AT")).isNull();
        assertThat(((Number) row.get("START_ATTEMPTS")).intValue()).isEqualTo(1);
        // shown to the maker's staff: no internal exception text (review LOW 7)
        assertThat((String) row.get("START_ERROR")).contains("系统内部错误").doesNotContain("suspended");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'FloorCaseStartFailed'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
        assertThat(cases(batch)).isZero();

        // the retried job starts it once its back-off is over; a second retry and the event again start nothing
        assertThat(nextAttempt(batch)).isAfter(java.time.Instant.now().plusSeconds(50));
        due(batch);
        assertThat(SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO))).isGreaterThanOrEqualTo(1);
        assertThat(cases(batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT case_started_at FROM floor_batch WHERE batch_no = ?",
                java.sql.Timestamp.class, batch)).isNotNull();
        SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
        assertThat(SecurityContextUsers.runAsSystem(() -> starts.start(batch))).isFalse();
        assertThat(cases(batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'FloorCaseStarted'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
    }

    private java.time.Instant nextAttempt(String batch) {
        return jdbc.queryForObject("SELECT start_next_at FROM floor_batch WHERE batch_no = ?",
                java.sql.Timestamp.class, batch).toInstant();
    }

    /** The back-off of the batch's start request is over. */
    private void due(String batch) {
        jdbc.update("UPDATE floor_batch SET start_next_at = ? WHERE batch_no = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), batch);
    }

    private int attempts(String batch) {
        return jdbc.queryForObject("SELECT start_attempts FROM floor_batch WHERE batch_no = ?", Integer.class, batch);
    }

    @Test
    @DisplayName("APP-08 BPM-01: a failing floor case start backs off (each next attempt due later, at most an hour) and is FAILED after the last attempt (audited, logged, shown on the batch) and no longer retried; a poison request waiting out its back-off does not stall another batch's start; an explicit start (a re-release) still starts it")
    void failingStartBacksOffAndGivesUp() {
        String poison;
        String other;
        repository.suspendProcessDefinitionByKey(FloorService.PROCESS_KEY);
        try {
            poison = scenarios.submit(FloorScenarios.MAKER_A, 1, false);
            other = scenarios.submit(FloorScenarios.MAKER_A, 1, false);
        } finally {
            repository.activateProcessDefinitionByKey(FloorService.PROCESS_KEY);
        }
        assertThat(attempts(poison)).isEqualTo(1);
        assertThat(nextAttempt(poison)).isAfter(java.time.Instant.now().plusSeconds(50))
                .isBefore(java.time.Instant.now().plusSeconds(70));

        // the other batch is due, the poison request is not: the job starts the other and leaves the poison alone
        due(other);
        SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
        assertThat(cases(other)).isEqualTo(1);
        assertThat(attempts(poison)).isEqualTo(1);
        assertThat(cases(poison)).isZero();

        // the poison keeps failing: each wait doubles (2, 4, … minutes), capped at an hour
        repository.suspendProcessDefinitionByKey(FloorService.PROCESS_KEY);
        try {
            due(poison);
            SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
            assertThat(attempts(poison)).isEqualTo(2);
            assertThat(nextAttempt(poison)).isAfter(java.time.Instant.now().plusSeconds(110))
                    .isBefore(java.time.Instant.now().plusSeconds(130));
            jdbc.update("UPDATE floor_batch SET start_attempts = 8 WHERE batch_no = ?", poison);
            due(poison);
            SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
            assertThat(attempts(poison)).isEqualTo(9);
            assertThat(nextAttempt(poison)).isAfter(java.time.Instant.now().plusSeconds(3590))
                    .isBefore(java.time.Instant.now().plusSeconds(3610));
            assertThat(jdbc.queryForObject("SELECT start_failed_at FROM floor_batch WHERE batch_no = ?",
                    java.sql.Timestamp.class, poison)).isNull();
            due(poison);
            SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
        } finally {
            repository.activateProcessDefinitionByKey(FloorService.PROCESS_KEY);
        }
        // the tenth failure: FAILED, audited, logged for the lead, shown on the batch; the job no longer tries it
        assertThat(attempts(poison)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT start_failed_at FROM floor_batch WHERE batch_no = ?",
                java.sql.Timestamp.class, poison)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'FloorCaseStartAbandoned'"
                + " AND subject_id = ?", Integer.class, poison)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM floor_log WHERE batch_no = ? AND entry_kind = 'START'",
                Integer.class, poison)).isEqualTo(1);
        var shown = users.as("floora1", () -> floor.batch(poison)).batch();
        assertThat(shown.startFailed()).isTrue();
        assertThat(shown.startAttempts()).isEqualTo(10);
        assertThat(shown.startError()).contains("系统内部错误").doesNotContain("suspended");
        due(poison);
        SecurityContextUsers.runAsSystem(() -> starts.retryOpen(Duration.ZERO));
        assertThat(cases(poison)).isZero();
        assertThat(attempts(poison)).isEqualTo(10);

        // an explicit start that fails again begins a new series (one attempt, not FAILED at once: review LOW 7)
        repository.suspendProcessDefinitionByKey(FloorService.PROCESS_KEY);
        try {
            assertThat(SecurityContextUsers.runAsSystem(() -> starts.start(poison))).isFalse();
        } finally {
            repository.activateProcessDefinitionByKey(FloorService.PROCESS_KEY);
        }
        assertThat(attempts(poison)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT start_failed_at FROM floor_batch WHERE batch_no = ?",
                java.sql.Timestamp.class, poison)).isNull();
        // an explicit start (the re-release's) starts it and clears the failure
        assertThat(SecurityContextUsers.runAsSystem(() -> starts.start(poison))).isTrue();
        assertThat(cases(poison)).isEqualTo(1);
        assertThat(users.as("floora1", () -> floor.batch(poison)).batch().startFailed()).isFalse();
    }

    private String processInstance(String batch) {
        return Eventually.await("floor case of " + batch, Duration.ofSeconds(20),
                () -> runtime.createProcessInstanceQuery().processDefinitionKey(FloorService.PROCESS_KEY)
                        .processInstanceBusinessKey(batch).list(), l -> !l.isEmpty()).get(0).getId();
    }

    private Path dataFile(String batch) {
        return folders.outbox(FloorScenarios.MAKER_A).resolve(jdbc.queryForObject(
                "SELECT data_file_name FROM production_batch WHERE batch_no = ?", String.class, batch));
    }

    @Test
    @DisplayName("PER-02 BPM-01: a floor case starts only once its batch's data file is in the maker's receiving folder under its final name, so no receipt of three released batches ever fails or raises an incident")
    void startsOnlyWhenTheFileIsDelivered() {
        List<String> batches = List.of(scenarios.release(FloorScenarios.MAKER_A, 1, false),
                scenarios.release(FloorScenarios.MAKER_A, 1, false),
                scenarios.release(FloorScenarios.MAKER_A, 1, false));
        for (String batch : batches) {
            String pi = processInstance(batch);
            assertThat(witness.deliveredAtStart(batch)).as("file delivered when the case of %s started", batch)
                    .isTrue();
            assertThat(history.createHistoricJobLogQuery().processInstanceId(pi).failureLog().count())
                    .as("failed receipts of %s", batch).isZero();
            assertThat(runtime.createIncidentQuery().processInstanceId(pi).count()).isZero();
        }
    }

    @Test
    @DisplayName("PER-02 BPM-01: a receipt that finds no data file is tried again a minute later; once stalled (incident) it is tried again when the centre re-releases the batch, which is then received; a request whose file has not arrived waits without counting as a failed start")
    void reReleaseRecoversAStalledReceipt() throws Exception {
        // the receipt job is created suspended, so the test removes the file before it runs
        management.suspendJobDefinitionByProcessDefinitionKey(FloorService.PROCESS_KEY, true);
        String batch;
        String pi;
        try {
            batch = scenarios.submit(FloorScenarios.MAKER_A, 1, false);
            pi = processInstance(batch);
            Files.delete(dataFile(batch));
        } finally {
            management.activateJobDefinitionByProcessDefinitionKey(FloorService.PROCESS_KEY, true);
        }
        // the receipt fails on the missing file and waits a minute for its next try (R5/PT1M) ...
        Eventually.await("failed receipt of " + batch, Duration.ofSeconds(20),
                () -> history.createHistoricJobLogQuery().processInstanceId(pi).failureLog().count(), n -> n > 0);
        Job receipt = management.createJobQuery().processInstanceId(pi).activityId("receiveBatchFile").singleResult();
        assertThat(receipt.getRetries()).isEqualTo(4);
        assertThat(receipt.getDuedate()).isAfter(new Date());
        // ... and once its tries are used up it is an incident, the batch stays RELEASED
        management.setJobRetries(receipt.getId(), 0);
        assertThat(runtime.createIncidentQuery().processInstanceId(pi).count()).isEqualTo(1);
        assertThat(scenarios.productionStatus(batch)).isEqualTo("RELEASED");

        users.run("floorsup", () -> plans.rerelease(batch));
        Eventually.await("receipt of re-released " + batch, Duration.ofSeconds(20),
                () -> scenarios.productionStatus(batch), s -> !"RELEASED".equals(s));
        assertThat(runtime.createIncidentQuery().processInstanceId(pi).count()).isZero();

        // a request whose file is not there yet is left for the retry, not counted as a failed start
        repository.suspendProcessDefinitionByKey(FloorService.PROCESS_KEY);
        String waiting;
        try {
            waiting = scenarios.submit(FloorScenarios.MAKER_A, 1, false);
        } finally {
            repository.activateProcessDefinitionByKey(FloorService.PROCESS_KEY);
        }
        jdbc.update("UPDATE floor_batch SET start_attempts = 0, start_error = NULL WHERE batch_no = ?", waiting);
        Files.delete(dataFile(waiting));
        assertThat(SecurityContextUsers.runAsSystem(() -> starts.start(waiting))).isFalse();
        assertThat(jdbc.queryForObject("SELECT start_attempts FROM floor_batch WHERE batch_no = ?", Integer.class,
                waiting)).isZero();
        assertThat(cases(waiting)).isZero();
        // the centre re-releases it: the case starts and receives the new file
        users.run("floorsup", () -> plans.rerelease(waiting));
        Eventually.await("receipt of re-released " + waiting, Duration.ofSeconds(20),
                () -> scenarios.productionStatus(waiting), s -> !"RELEASED".equals(s));
        assertThat(cases(waiting)).isEqualTo(1);
    }
}
