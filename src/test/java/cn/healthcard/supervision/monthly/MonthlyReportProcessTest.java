package cn.healthcard.supervision.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import cn.healthcard.supervision.process.MonthlyReportSchedule;
import cn.healthcard.workflow.ProcessHarness;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code processes/monthly-report.bpmn} on the {@link ProcessHarness}: the timer start opens the regions' reports (each
 * its own case at the none start); a report is generated asynchronously, reviewed, and published on approval or
 * generated again on a send-back.
 */
class MonthlyReportProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("monthly-report-process-test");

    static final String BPMN = "processes/monthly-report.bpmn";
    static final String PROCESS = "monthly-report";
    static final String REVIEW = "reviewMonthlyReport";
    static final String REVIEW_FORM = "monthly-report-review";
    static final String MESSAGE = MonthlyReports.OPENED_MESSAGE;
    static final String REPORT_NO = "YB43010020261201000001";

    ProcessEngine processEngine;
    final ProcessHarness harness = new ProcessHarness(REPORT_NO);

    /** What the timer path starts: one case per region (here two, as MonthlyReports.open would). */
    final List<String> regions = List.of("430000", "430100");

    @BeforeEach
    void delegates() {
        harness.init(processEngine);
        // the timer start's cron is read from this process bean when the model is deployed
        Mocks.register("monthlyReportSchedule", new Schedule(MonthlyReportSchedule.cronFor(ZoneId.systemDefault(),
                Instant.now())));
        harness.record("openMonthlyReports", execution -> {
            for (int i = 0; i < regions.size(); i++) {
                runtimeService().startProcessInstanceByMessage(MESSAGE, "YB" + regions.get(i) + "20261201" + "00000"
                        + (i + 2), Map.of("regionCode", regions.get(i), "month", "2026-11"));
            }
        });
        harness.record("generateMonthlyReport");
        harness.record("publishMonthlyReport");
    }

    @AfterEach
    void reset() {
        harness.reset();
    }

    /** Stands in for the bean: the expression reads the property {@code cron}. */
    public record Schedule(String cron) {
        public String getCron() {
            return cron;
        }
    }

    /** One region's case as MonthlyReports.open starts it (ProcessGateway.startByMessage). */
    private ProcessInstance byMessage() {
        return runtimeService().startProcessInstanceByMessage(MESSAGE, REPORT_NO,
                Map.of("regionCode", "430100", "month", "2026-11"));
    }

    private ProcessInstance regionReport() {
        ProcessInstance pi = byMessage();
        BpmnAwareTests.assertThat(pi).isWaitingAt("generateMonthlyReport");
        execute(job(pi));
        return pi;
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 BPM-01 the timer fires at 01:00 China time on the 1st and opens each region's report as its own case")
    void timerOpensRegionsReports() {
        Job timer = managementService().createJobQuery().timers().singleResult();
        assertThat(timer).as("the timer start's job").isNotNull();
        LocalDateTime fire = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), MonthlyReportSchedule.CHINA);
        assertThat(fire.toLocalTime().toString()).isEqualTo("01:00");
        assertThat(fire.getDayOfMonth()).isEqualTo(1);
        assertThat(fire.toLocalDate()).isAfter(LocalDate.now(MonthlyReportSchedule.CHINA).minusDays(1));

        managementService().executeJob(timer.getId());
        // openMonthlyReports is asynchronous: the timer's job only starts the path
        assertThat(harness.calls()).isEmpty();
        managementService().executeJob(openJob().getId());

        assertThat(harness.calls()).hasSize(1).first().asString().startsWith("openMonthlyReports:");
        List<ProcessInstance> cases = runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .list();
        assertThat(cases).hasSize(2);
        for (ProcessInstance c : cases) {
            BpmnAwareTests.assertThat(c).isWaitingAt("generateMonthlyReport");
        }
        // the cycle goes on: the next month's timer is waiting
        assertThat(managementService().createJobQuery().timers().count()).isEqualTo(1);
    }

    private Job openJob() {
        return managementService().createJobQuery().activityId("openMonthlyReports").singleResult();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 a failing open is retried (R3/PT10M) then an incident, and the next month's timer is kept")
    void failingOpenKeepsTheNextTimer() {
        harness.failing("openMonthlyReports", new java.util.concurrent.atomic.AtomicInteger(5));
        Job timer = managementService().createJobQuery().timers().singleResult();
        managementService().executeJob(timer.getId());
        Job next = managementService().createJobQuery().timers().singleResult();
        assertThat(next).as("the next month's timer").isNotNull();
        assertThat(next.getId()).isNotEqualTo(timer.getId());
        // (fired early here, the next 1st computed from now is the same date)
        assertThat(next.getDuedate()).isAfterOrEqualTo(timer.getDuedate());
        for (int i = 0; i < 3; i++) {
            Job open = openJob();
            try {
                managementService().executeJob(open.getId());
            } catch (RuntimeException expected) {
                // retried later
            }
            if (i == 0) {
                Job retried = openJob();
                assertThat(retried.getRetries()).isEqualTo(2);
                // R3/PT10M: the retry waits ten minutes
                assertThat(retried.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis()
                        + java.time.Duration.ofMinutes(9).toMillis()));
            }
        }
        assertThat(runtimeService().createIncidentQuery().activityId("openMonthlyReports").count()).isEqualTo(1);
        assertThat(managementService().createJobQuery().timers().singleResult().getId()).isEqualTo(next.getId());
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 one region's failing generation leaves the others alone: B reaches review, A has one incident")
    void oneRegionsFailureLeavesTheOthers() {
        String a = "YB43000020261201000002";
        String b = "YB43010020261201000003";
        harness.record("generateMonthlyReport", execution -> {
            if (a.equals(execution.getProcessBusinessKey())) {
                throw new IllegalStateException("generateMonthlyReport unreachable for " + a);
            }
        });
        ProcessInstance pa = runtimeService().startProcessInstanceByMessage(MESSAGE, a,
                Map.of("regionCode", "430000", "month", "2026-11"));
        ProcessInstance pb = runtimeService().startProcessInstanceByMessage(MESSAGE, b,
                Map.of("regionCode", "430100", "month", "2026-11"));
        for (int i = 0; i < 3; i++) {
            for (Job j : managementService().createJobQuery().activityId("generateMonthlyReport").list()) {
                try {
                    managementService().executeJob(j.getId());
                } catch (RuntimeException expected) {
                    // A's job, retried later
                }
            }
        }
        BpmnAwareTests.assertThat(pb).isWaitingAt(REVIEW);
        BpmnAwareTests.assertThat(pa).isWaitingAt("generateMonthlyReport");
        assertThat(runtimeService().createIncidentQuery().processInstanceId(pa.getId()).count()).isEqualTo(1);
        assertThat(runtimeService().createIncidentQuery().processInstanceId(pb.getId()).count()).isZero();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 a start by process key (e.g. an admin's catch-up from the engine) runs the open path, not a report")
    void startByKeyOpens() {
        runtimeService().startProcessInstanceByKey(PROCESS, "catch-up");
        managementService().executeJob(openJob().getId());
        assertThat(harness.calls()).containsExactly("openMonthlyReports:catch-up");
        assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(2);
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 STAT-01 a generated report approved by the region's supervisor is published")
    void approvedIsPublished() {
        ProcessInstance pi = regionReport();
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        harness.assertCalled("generateMonthlyReport", "publishMonthlyReport");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("reportPublished");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 a report sent back is generated again and reviewed again, then published")
    void returnedIsRegenerated() {
        ProcessInstance pi = regionReport();
        harness.review(pi, REVIEW, REVIEW_FORM, "RETURN", "请补充本月停用原因说明");
        BpmnAwareTests.assertThat(pi).isWaitingAt("generateMonthlyReport");
        execute(job(pi));
        harness.review(pi, REVIEW, REVIEW_FORM, "APPROVE", null);
        harness.assertCalled("generateMonthlyReport", "generateMonthlyReport", "publishMonthlyReport");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("reportPublished");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("BPM-06 a failing generation is retried (R3/PT5M) and then becomes an incident")
    void generationRetried() {
        harness.failing("generateMonthlyReport", new java.util.concurrent.atomic.AtomicInteger(5));
        ProcessInstance pi = byMessage();
        for (int i = 0; i < 3; i++) {
            Job j = job(pi);
            try {
                managementService().executeJob(j.getId());
            } catch (RuntimeException expected) {
                // retried later
            }
        }
        assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    }
}
