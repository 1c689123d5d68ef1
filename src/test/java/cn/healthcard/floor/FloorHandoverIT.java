package cn.healthcard.floor;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PER-07: a hand-over between production steps is confirmed by its receiver before the next step starts. */
@IntegrationTest
class FloorHandoverIT {

    @Autowired FloorScenarios scenarios;
    @Autowired FloorService floor;
    @Autowired TestUsers users;
    @Autowired FloorEscalations escalations;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired com.fasterxml.jackson.databind.ObjectMapper json;
    @Autowired FloorStock stock;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    private cn.healthcard.common.FieldViolation violation(Throwable t) {
        return ((DomainValidationException) t).violations().get(0);
    }

    @Test
    @DisplayName("PER-07: the receiving step's person confirms a hand-over with the counts received; the one who handed over (403), a third person (403), a count that differs (400 naming the field) are refused and the next step waits for the confirmation")
    void receiverConfirms() {
        String batch = scenarios.produced();
        HandoverForm form = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0);
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        users.run("floora1", () -> floor.handOver(task, form));
        var open = users.as("floora1", () -> floor.batch(batch)).handovers();
        assertThat(open).singleElement().satisfies(h -> assertThat(h.confirmed()).isFalse());

        // a single person does not hand over to himself
        assertThatThrownBy(() -> users.run("floora1", () -> floor.handOver(task, form)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("交出人不能自行确认");
        // only the receiver named on the form
        assertThatThrownBy(() -> users.run("flooralead", () -> floor.handOver(task, form)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("floora2");
        // the next step does not start before the confirmation
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 3, 3, 0, 0))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(t -> assertThat(violation(t).field()).isEqualTo("step"));
        // counts checked: in = good + damaged + rework, and the same as handed over
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 0, 0))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(t -> assertThat(violation(t).field()).isEqualTo("countIn"));
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 1, 0))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(t -> assertThat(violation(t).field()).isEqualTo("counts"));
        assertThat(scenarios.task("floora2", batch, FloorService.HANDOVER_TASK)).isEqualTo(task);

        users.run("floora2", () -> floor.handOver(task, form));
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isTrue());
        // the next step's task is a new one
        String next = scenarios.task("floora2", batch, FloorService.HANDOVER_TASK);
        assertThat(next).isNotEqualTo(task);
        users.run("floora2", () -> floor.handOver(next,
                new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 3, 3, 0, 0)));
    }

    @Test
    @DisplayName("PER-07: a disputed hand-over has a way out: the receiver refuses the counts (400), the receiver cannot withdraw (403), the one who handed over withdraws (audited) and hands over again with the counts found, the receiver confirms; the lead can withdraw too")
    void disputedHandoverIsWithdrawnAndHandedOverAgain() {
        String batch = scenarios.produced();
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        users.run("floora1", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0)));
        HandoverForm found = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 1, 0);
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task, found)))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(t -> assertThat(violation(t).field()).isEqualTo("counts"));
        assertThatThrownBy(() -> users.run("floora2", () -> floor.withdrawHandover(task)))
                .isInstanceOf(AccessDeniedException.class);

        users.run("floora1", () -> floor.withdrawHandover(task));
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'HandoverWithdrawn'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
        // nothing left to withdraw
        assertThatThrownBy(() -> users.run("floora1", () -> floor.withdrawHandover(task)))
                .isInstanceOf(cn.healthcard.common.ConflictException.class);

        // handed over again, this time by the lead's withdrawal first
        users.run("floora1", () -> floor.handOver(task, found));
        users.run("flooralead", () -> floor.withdrawHandover(task));
        users.run("floora1", () -> floor.handOver(task, found));
        users.run("floora2", () -> floor.handOver(task, found));
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isTrue());
        String next = scenarios.task("floora2", batch, FloorService.HANDOVER_TASK);
        users.run("floora2", () -> floor.handOver(next,
                new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 2, 2, 0, 0)));
    }

    @Test
    @DisplayName("PER-07 BPM-01: a hand-over stuck waiting for its receiver is escalated to the receiver, not to the lead, so the receiver can still confirm it")
    void stuckHandoverStaysWithItsReceiver() {
        String batch = scenarios.produced();
        HandoverForm form = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0);
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        users.run("floora1", () -> floor.handOver(task, form));
        String pi = runtime.createProcessInstanceQuery().processDefinitionKey(FloorService.PROCESS_KEY)
                .processInstanceBusinessKey(batch).singleResult().getId();
        cn.healthcard.security.SecurityContextUsers.runAsSystem(
                () -> escalations.escalateStuck(batch, pi, FloorService.HANDOVER_TASK));
        users.run("floora2", () -> floor.handOver(task, form));
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isTrue());
    }

    @Test
    @DisplayName("PER-07: the receiver confirms blind: her batch record, her task form's record and their JSON carry none of the sender's counts before she enters hers (the sender still sees them); a count that differs is refused naming the field but not the sender's number, and recorded as a discrepancy (audited, production log); the same counts confirm")
    void receiverConfirmsBlind() throws Exception {
        String batch = scenarios.produced();
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        HandoverForm handed = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 1, 0);
        users.run("floora1", () -> floor.handOver(task, handed));

        for (var seen : List.of(users.as("floora2", () -> floor.batch(batch)),
                users.as("floora2", () -> floor.forTask(task)), users.as("flooralead", () -> floor.batch(batch)))) {
            assertThat(seen.handovers()).singleElement().satisfies(h -> {
                assertThat(h.receivedBy()).isEqualTo("floora2");
                assertThat(h.countIn()).isNull();
                assertThat(h.good()).isNull();
                assertThat(h.damaged()).isNull();
                assertThat(h.rework()).isNull();
                assertThat(h.countOut()).isNull();
            });
            String json = this.json.writeValueAsString(seen.handovers());
            assertThat(json).contains("floora2").doesNotContain("countIn").doesNotContain("good")
                    .doesNotContain("damaged").doesNotContain("rework").doesNotContain("countOut");
        }
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.good()).isEqualTo(2));

        // her own count differs: refused, the sender's number not given away, the difference recorded
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(t -> assertThat(violation(t).field()).isEqualTo("counts"))
                .satisfies(t -> assertThat(violation(t).message()).doesNotContainPattern("\\d")
                        .doesNotContain("合格").doesNotContain("损坏").doesNotContain("返工"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'HandoverDiscrepancy'"
                + " AND subject_id = ?", Integer.class, batch)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT work_state FROM floor_log WHERE batch_no = ? AND work_state LIKE"
                + " '%交接差异%'", String.class, batch)).doesNotContain("2 + 1 + 0").doesNotContain("合格");
        assertThat(users.as("floora2", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isFalse());

        users.run("floora2", () -> floor.handOver(task, handed));
        assertThat(users.as("floora2", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.good()).isEqualTo(2));
    }

    /** What GET /api/v1/floor/log and the floor screen's log panel return (both call logEntries(200)). */
    private List<String> logSeenBy(String user, String batch) {
        return users.as(user, () -> stock.logEntries(200)).stream().filter(e -> batch.equals(e.batchNo()))
                .map(FloorViews.LogEntry::workState).toList();
    }

    @Test
    @DisplayName("PER-07: the production log (GET /api/v1/floor/log and the floor screen's log panel) gives the receiver none of the sender's counts before she has confirmed, not even after a refused confirmation; the confirmation entry carries the agreed counts")
    void logDoesNotGiveTheCountsAway() {
        String batch = scenarios.produced();
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        HandoverForm handed = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 1, 0);
        users.run("floora1", () -> floor.handOver(task, handed));
        for (String user : List.of("floora2", "flooralead")) {
            assertThat(logSeenBy(user, batch)).isNotEmpty().allSatisfy(w -> assertThat(w)
                    .doesNotContain("合格 2").doesNotContain("2 + 1 + 0").doesNotContain("交出 3 =")
                    .doesNotContain("损坏 1"));
        }
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0))))
                .isInstanceOf(DomainValidationException.class);
        assertThat(logSeenBy("floora2", batch)).anySatisfy(w -> assertThat(w).contains("交接差异"))
                .allSatisfy(w -> assertThat(w).doesNotContain("合格 2").doesNotContain("2 + 1 + 0")
                        .doesNotContain("交出 3 =").doesNotContain("损坏 1").doesNotContain("合格数量")
                        .doesNotContain("损坏数量"));

        users.run("floora2", () -> floor.handOver(task, handed));
        assertThat(logSeenBy("floora2", batch)).anySatisfy(w -> assertThat(w).contains("接收人确认")
                .contains("合格 2").contains("损坏 1"));
    }

    @Test
    @DisplayName("PER-07: a blind count cannot be found by trial and error: after 3 refused confirmations the form goes to the lead (409 FLOOR_HANDOVER_DISPUTED even with the right counts) until it is withdrawn; a new form then confirms")
    void disputedAfterThreeTries() {
        String batch = scenarios.produced();
        String task = scenarios.task("floora1", batch, FloorService.HANDOVER_TASK);
        HandoverForm handed = new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 1, 0);
        users.run("floora1", () -> floor.handOver(task, handed));
        for (int good : new int[] {3, 1, 0}) {
            assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task,
                    new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, good, 3 - good, 0))))
                    .isInstanceOf(DomainValidationException.class);
        }
        assertThatThrownBy(() -> users.run("floora2", () -> floor.handOver(task, handed)))
                .isInstanceOf(cn.healthcard.common.ConflictException.class)
                .satisfies(t -> assertThat(((cn.healthcard.common.ConflictException) t).code())
                        .isEqualTo("FLOOR_HANDOVER_DISPUTED"));
        assertThat(users.as("floora2", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isFalse());

        users.run("flooralead", () -> floor.withdrawHandover(task));
        users.run("floora1", () -> floor.handOver(task, handed));
        users.run("floora2", () -> floor.handOver(task, handed));
        assertThat(users.as("floora1", () -> floor.batch(batch)).handovers()).singleElement()
                .satisfies(h -> assertThat(h.confirmed()).isTrue());
    }
}
