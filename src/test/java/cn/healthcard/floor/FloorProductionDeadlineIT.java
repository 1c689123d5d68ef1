package cn.healthcard.floor;

import cn.healthcard.production.CardMakerSimulator;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** The real production-deadline timer of the floor case (decision 028), fired in the running engine. */
@IntegrationTest
class FloorProductionDeadlineIT {

    @Autowired FloorScenarios scenarios;
    @Autowired FloorService floor;
    @Autowired TestUsers users;
    @Autowired CardMakerSimulator simulator;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    @Test
    @DisplayName("BPM-01 PER-06: a batch the line does not answer: the case's real production-deadline timer, its due date set into the past and its job executed, raises the incident floorProductionOverdue on the waiting step, audits BatchProductionOverdue, logs it for the maker's lead, and the case keeps waiting")
    void productionDeadlineTimerFires() {
        String batch = scenarios.release(FloorScenarios.MAKER_A, 1, false);
        simulator.hold(batch); // the line never answers this batch
        users.run("floora1", () -> floor.confirmStart(scenarios.task("floora1", batch, FloorService.START_TASK)));
        users.run("floora2", () -> floor.confirmStart(scenarios.task("floora2", batch, FloorService.START_TASK)));
        String pi = runtime.createProcessInstanceQuery().processDefinitionKey(FloorService.PROCESS_KEY)
                .processInstanceBusinessKey(batch).singleResult().getId();
        Job timer = Eventually.await("production deadline timer of " + batch, Duration.ofSeconds(20),
                () -> management.createJobQuery().processInstanceId(pi).activityId("productionOverdue").timers()
                        .singleResult(), j -> j != null);
        // the configured deadline (P3D) is ahead
        assertThat(timer.getDuedate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(2)));

        management.setJobDuedate(timer.getId(), Date.from(Instant.now().minusSeconds(60)));
        try {
            management.executeJob(timer.getId());
        } catch (ProcessEngineException takenByTheJobExecutor) {
            // the engine's job executor saw the due job first: it fires the same timer
        }

        Incident incident = Eventually.await("overdue incident of " + batch, Duration.ofSeconds(20),
                () -> runtime.createIncidentQuery().processInstanceId(pi).incidentType("floorProductionOverdue")
                        .singleResult(), i -> i != null);
        assertThat(incident.getActivityId()).isEqualTo("productionFinished");
        assertThat(incident.getIncidentMessage()).contains(batch);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'BatchProductionOverdue'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM floor_log WHERE batch_no = ? AND work_state LIKE"
                + " '生产超期%'", Integer.class, batch)).isEqualTo(1);
        // the case keeps waiting for the line's answer; the timer does not fire twice
        assertThat(runtime.createExecutionQuery().processInstanceId(pi).activityId("productionFinished").count())
                .isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(pi).activityId("productionOverdue").count())
                .isZero();
    }
}
