package cn.healthcard.floor;

import cn.healthcard.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
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
        assertThat((String) row.get("START_ERROR")).contains("suspended");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'FloorCaseStartFailed'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
        assertThat(cases(batch)).isZero();

        // the retried job starts it once; a second retry and the event again start nothing
        assertThat(starts.retryOpen(Duration.ZERO)).isGreaterThanOrEqualTo(1);
        assertThat(cases(batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT case_started_at FROM floor_batch WHERE batch_no = ?",
                java.sql.Timestamp.class, batch)).isNotNull();
        starts.retryOpen(Duration.ZERO);
        assertThat(starts.start(batch)).isFalse();
        assertThat(cases(batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'FloorCaseStarted'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
    }
}
