package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Reconciliation;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The card maker's floor through its services on H2 (issue #13, PER-02, PER-04, PER-06..PER-12): a batch from its
 * release to the close with every two-person rule tried by one person, the recount, the lead; a refused file; another
 * maker; the daily reconciliation's block; a damaged box in the store. Own makers and people: {@link FloorScenarios}.
 */
@IntegrationTest
class FloorIT {

    static final String MAKER_A = FloorScenarios.MAKER_A;
    static final String MAKER_B = FloorScenarios.MAKER_B;

    @Autowired FloorService floor;
    @Autowired FloorEscalations escalations;
    @Autowired FloorStock stock;
    @Autowired BoxStore store;
    @Autowired FloorStaff staff;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired cn.healthcard.production.ProductionLine line;
    @Autowired cn.healthcard.production.CardMakerSimulator simulator;
    @Autowired FloorScenarios scenarios;
    @Autowired TestUsers users;
    @Autowired HistoryService history;
    @Autowired TaskInboxService inbox;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    private String release(String maker, int n, boolean tampered) {
        return scenarios.release(maker, n, tampered);
    }

    private String task(String user, String batch, String key) {
        return scenarios.task(user, batch, key);
    }

    private List<String> cards(String batch) {
        return scenarios.cards(batch);
    }

    private String orderStatus(String caseId) {
        return jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, caseId);
    }

    @Test
    @DisplayName("PER-06 PER-07 PER-08 PER-11 BPM-01: one batch from release to close; every two-person rule refuses one person, hand-over counts must balance, a blind double count (the counts hidden from the maker's people while it runs) that mismatches loops to a recount, only the lead signs off, the boxes are published as BatchSealed")
    void batchToTheClose() {
        String batch = release(MAKER_A, 3, false);
        assertThat(users.as("floora1", () -> floor.batch(batch)).batch().receivedCount()).isEqualTo(3);
        assertThat(scenarios.productionStatus(batch)).isEqualTo("RECEIVED");
        // PER-06: a single person cannot start the run
        String start = task("floora1", batch, FloorService.START_TASK);
        users.run("floora1", () -> inbox.claim(start));
        users.run("floora1", () -> floor.confirmStart(start));
        assertThatThrownBy(() -> users.run("floora1", () -> floor.confirmStart(start)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("两名不同");
        assertThat(scenarios.productionStatus(batch)).isEqualTo("RECEIVED");
        users.run("floora2", () -> floor.confirmStart(start));
        assertThat(scenarios.productionStatus(batch)).isIn("IN_PRODUCTION", "FINISHED");
        scenarios.awaitProduced(batch); // the simulator answers, production publishes BatchProductionFinished
        assertThat(users.as("floora1", () -> floor.batch(batch)).batch().status()).isEqualTo(BatchStatus.PRODUCED);

        // PER-07: in = good + damaged + rework; the receiver is another person; steps in order
        String h1 = task("floora1", batch, FloorService.HANDOVER_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.handOver(h1,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 2, 0, 0))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("countIn");
        assertThatThrownBy(() -> users.run("floora1", () -> floor.handOver(h1,
                new HandoverForm(HandoverStep.PERSONALISATION, "floora1", 3, 3, 0, 0))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("receivedBy");
        // the receiver is one of the maker's production people, not any name
        for (String nobody : List.of("anyone", "floorb1", "floorsup")) {
            assertThatThrownBy(() -> users.run("floora1", () -> floor.handOver(h1,
                    new HandoverForm(HandoverStep.PERSONALISATION, nobody, 3, 3, 0, 0))))
                    .isInstanceOf(DomainValidationException.class).hasMessageContaining("receivedBy");
        }
        assertThatThrownBy(() -> users.run("floora1", () -> floor.handOver(h1,
                new HandoverForm(HandoverStep.PACKING, "floora2", 3, 3, 0, 0))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("step");
        scenarios.handOver("floora1", batch, new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0));
        scenarios.handOver("floora2", batch, new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 3, 1, 1, 1));
        scenarios.handOver("floora1", batch, new HandoverForm(HandoverStep.PACKING, "floora2", 2, 2, 0, 0));

        // PER-08: the damaged card by number, reported to production; the record co-signed by another person
        String scrapTask = task("floora1", batch, FloorService.SCRAP_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.recordScrap(scrapTask, new ScrapForm(
                List.of(), "粉碎", "销毁室")))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("entries");
        assertThatThrownBy(() -> users.run("floora1", () -> floor.recordScrap(scrapTask, new ScrapForm(
                List.of(new ScrapEntry(ScrapCategory.CARD_DAMAGED, "NOT-OF-BATCH", 1, "划伤")), "粉碎", "销毁室"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("cardNo");
        String damaged = cards(batch).get(1);
        String damagedCase = scenarios.cases(batch).get(1);
        users.run("floora1", () -> floor.recordScrap(scrapTask, new ScrapForm(List.of(
                new ScrapEntry(ScrapCategory.CARD_DAMAGED, damaged, 1, "质检划伤")), "粉碎", "销毁室")));
        assertThat(orderStatus(damagedCase)).isEqualTo("QUEUED"); // production re-queues the scrapped card's case
        String cosign = task("floora2", batch, FloorService.DESTRUCTION_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.coSignDestruction(cosign)))
                .isInstanceOf(AccessDeniedException.class);
        users.run("floora2", () -> floor.coSignDestruction(cosign));

        // PER-11: two counts by two people; a mismatch goes back to a recount
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 2));
        // blind: while the count runs, the maker's people do not see the first count; a supervisor reads it
        assertThat(users.as("floora2", () -> floor.batch(batch)).counts()).isEmpty();
        assertThat(users.as("floorsup", () -> floor.batch(batch)).counts()).hasSize(1);
        String second = users.as("floora1", () -> floor.countTaskAt(batch));
        assertThatThrownBy(() -> users.run("floora1", () -> floor.count(second, 2)))
                .isInstanceOf(AccessDeniedException.class);
        users.run("floora2", () -> floor.count(second, 1));
        assertThat(users.as("floora1", () -> floor.countTaskAt(batch)))
                .isEqualTo(task("floora1", batch, FloorService.FIRST_COUNT_TASK));
        users.run("floora2", () -> floor.count(users.as("floora2", () -> floor.countTaskAt(batch)), 2));
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 2));

        // only the lead signs off
        String signOff = task("floora1", batch, FloorService.SIGN_OFF_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.signOff(signOff, null)))
                .isInstanceOf(AccessDeniedException.class);
        users.run("flooralead", () -> floor.signOff(signOff, "清点无误"));

        // sealing: one seal per box, boxes numbered, the good cards ascending; BatchSealed published
        String sealTask = task("floora1", batch, FloorService.SEAL_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.seal(sealTask, new SealForm(1, List.of("S1X-0001")))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("sealNos");
        BatchRecord r = users.as("floora1", () -> floor.seal(sealTask, new SealForm(1,
                FloorScenarios.seals(batch, 2))));
        assertThat(r.boxes()).extracting(FloorViews.Box::boxNo).containsExactly(batch + "-001", batch + "-002");
        assertThat(r.batch().sealedCards()).isEqualTo(2);
        BatchSealed published = scenarios.sealedEvents().stream().filter(e -> e.batchNo().equals(batch)).findFirst()
                .orElseThrow();
        assertThat(published.cardCount()).isEqualTo(2);
        assertThat(published.centreCode()).isEqualTo(FloorScenarios.CENTRE);
        assertThat(published.boxes().stream().flatMap(b -> b.cardNos().stream())).doesNotContain(damaged)
                .isSorted();

        // PER-06: the close, two people
        String close = task("floora1", batch, FloorService.CLOSE_TASK);
        users.run("floora2", () -> floor.confirmClose(close));
        assertThatThrownBy(() -> users.run("floora2", () -> floor.confirmClose(close)))
                .isInstanceOf(AccessDeniedException.class);
        users.run("floora1", () -> floor.confirmClose(close));
        assertThat(users.as("floora1", () -> floor.batch(batch)).batch().status()).isEqualTo(BatchStatus.CLOSED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(batch).finished()
                .singleResult().getEndActivityId()).isEqualTo("runClosed");
        // PER-09: the steps booked the stock movements of the batch
        assertThat(users.as("floora1", () -> stock.movements(stock.today())).stream()
                .filter(m -> batch.equals(m.batchNo()))
                .map(m -> m.stock() + " " + m.direction() + " " + m.quantity()))
                .containsExactlyInAnyOrder("WHITE OUT 3", "SEMI IN 3", "SEMI SCRAP 1", "SEMI OUT 2", "FINISHED IN 2");
        // PER-10: the steps wrote the production log
        assertThat(users.as("floora1", () -> stock.logEntries(200)).stream()
                .filter(e -> batch.equals(e.batchNo())).map(FloorViews.LogEntry::entryKind))
                .contains("STEP", "HANDOVER", "SCRAP", "COUNT", "SIGNOFF", "SEAL");
    }

    @Test
    @DisplayName("BPM-01 PER-11: a stuck step goes to the maker's lead with a raised priority and stays open, but not to a lead who was its first actor; the escalation is audited and logged")
    void stuckStepToTheLead() {
        String batch = release(MAKER_A, 2, false);
        String start = task("floora1", batch, FloorService.START_TASK);
        String instance = users.as("floora1", () -> inbox.get(start)).processInstanceId();
        SecurityContextUsers.runAsSystem(() -> escalations.escalateStuck(batch, instance, FloorService.START_TASK));
        var escalated = users.as("flooralead", () -> inbox.get(start));
        assertThat(escalated.assignee()).isEqualTo("flooralead");
        assertThat(escalated.priority()).isEqualTo(90);
        assertThat(users.as("floora1", () -> stock.logEntries(200)).stream()
                .filter(e -> batch.equals(e.batchNo())).map(FloorViews.LogEntry::entryKind)).contains("ESCALATED");
        // the lead made the first confirmation: he may not make the second, so the step is raised but not his
        String other = release(MAKER_A, 1, false);
        String otherStart = task("flooralead", other, FloorService.START_TASK);
        users.run("flooralead", () -> floor.confirmStart(otherStart));
        String otherInstance = users.as("floora1", () -> inbox.get(otherStart)).processInstanceId();
        SecurityContextUsers.runAsSystem(() -> escalations.escalateStuck(other, otherInstance, FloorService.START_TASK));
        var raised = users.as("floora1", () -> inbox.get(otherStart));
        assertThat(raised.assignee()).isNull();
        assertThat(raised.priority()).isEqualTo(90);
        users.run("floora1", () -> floor.confirmStart(otherStart));
        assertThat(users.as("floora1", () -> floor.batch(other)).batch().startSecondBy()).isEqualTo("floora1");
    }

    @Test
    @DisplayName("PER-02 PER-03 PER-04: a tampered data file is refused with its reason on the batch and the case ends; a card error goes back to the issuer once, only for a case of the batch and only while the batch is at the maker")
    void refusedFile() {
        String batch = release(MAKER_A, 3, true);
        var b = users.as("floora1", () -> floor.batch(batch)).batch();
        assertThat(b.status()).isEqualTo(BatchStatus.REFUSED);
        assertThat(b.refusal()).startsWith("DF-");
        String ok = release(MAKER_A, 3, false);
        String errorCase = scenarios.cases(ok).get(0);
        String other = release(MAKER_A, 1, false);
        String otherCase = scenarios.cases(other).get(0);
        // not yet in production (the line takes error records only while it makes the batch): 409
        assertThatThrownBy(() -> users.run("floora1", () -> floor.reportCardError(ok, errorCase, "photo", "照片")))
                .isInstanceOf(ConflictException.class);
        simulator.hold(ok); // the simulated line does not answer: the batch stays in production
        users.run("floora1", () -> floor.confirmStart(task("floora1", ok, FloorService.START_TASK)));
        users.run("floora2", () -> floor.confirmStart(task("floora2", ok, FloorService.START_TASK)));
        assertThat(scenarios.productionStatus(ok)).isEqualTo("IN_PRODUCTION");
        users.run("floora1", () -> floor.reportCardError(ok, errorCase, "photo", "照片无法识别"));
        assertThat(orderStatus(errorCase)).isEqualTo("ERROR"); // the issuer's error record, to correct and resend
        // a repeat sends nothing twice; a case of another batch is not this batch's (404); a refused batch takes none (409)
        users.run("floora1", () -> floor.reportCardError(ok, errorCase, "photo", "照片无法识别"));
        assertThat(users.as("floora1", () -> stock.logEntries(500)).stream()
                .filter(e -> ok.equals(e.batchNo()) && "ERROR".equals(e.entryKind()))).hasSize(1);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.reportCardError(ok, otherCase, "photo", "照片")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.reportCardError(batch, scenarios.cases(batch).get(0),
                "photo", "照片"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.reportCardError(ok, errorCase, "", "x")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("field");
    }

    @Test
    @DisplayName("PER-06 ORG-05: another maker's people get 404 for a batch and its staff list, its tasks (not listed, opened or claimed in the inbox) and its errors; the region's supervisor reads it; a non-lead cannot appoint")
    void anotherMaker() {
        String batch = release(MAKER_A, 2, false);
        assertThatThrownBy(() -> users.run("floorb1", () -> floor.batch(batch))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floorb1", () -> floor.taskAt(batch, FloorService.START_TASK)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floorb1", () -> floor.reportCardError(batch, "C", "f", "r")))
                .isInstanceOf(NotFoundException.class);
        String start = task("floora1", batch, FloorService.START_TASK);
        assertThatThrownBy(() -> users.run("floorb1", () -> floor.confirmStart(start)))
                .isInstanceOf(NotFoundException.class);
        // the inbox too: another maker's production people in the same region neither list, open nor claim the task
        assertThat(users.as("floora1", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .extracting(TaskRef::taskId).contains(start);
        assertThat(users.as("floorb1", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .extracting(TaskRef::taskId).doesNotContain(start);
        assertThat(users.as("floorb1", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .noneMatch(t -> batch.equals(t.businessKey()));
        assertThatThrownBy(() -> users.run("floorb1", () -> inbox.get(start))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floorb1", () -> inbox.claim(start))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floorb1", () -> inbox.complete(start, Map.of())))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as("floorb1", () -> floor.batches())).noneMatch(b -> b.batchNo().equals(batch));
        assertThat(users.as("floorsup", () -> floor.batch(batch)).batch().makerCode()).isEqualTo(MAKER_A);
        // the maker's staff: its own people and the supervisors of its region; 404 for everyone else
        assertThat(users.as("floora1", () -> staff.staff(MAKER_A))).extracting(FloorStaff.Member::username)
                .contains("flooralead");
        assertThat(users.as("floorsup", () -> staff.staff(MAKER_A))).isNotEmpty();
        assertThatThrownBy(() -> users.run("floorb1", () -> staff.staff(MAKER_A)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("pxsupother", () -> staff.staff(MAKER_A)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("floora1", () -> staff.assign(MAKER_A, "floora2", true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.run("flooralead", () -> staff.assign(MAKER_A, "floorb1", false)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> users.run("admin", () -> staff.assign("BJ-110000", "production", true)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("makerCode");
        // production people of an institution that is no card maker have no floor
        assertThatThrownBy(() -> users.run("production", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1,
                null))).isInstanceOf(AccessDeniedException.class);
        assertThat(users.as("production", () -> floor.batches())).isEmpty();
    }

    @Test
    @DisplayName("PER-09: opening + in − out − scrap = closing against the physical count; a mismatch blocks every movement (409) until one person explains and a second confirms")
    void reconciliationBlocks() {
        users.run("floorb1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 100, "白卡入库"));
        users.run("floorb1", () -> stock.recordMovement(Stock.WHITE, Direction.OUT, 30, "领用"));
        assertThat(users.as("floorb1", () -> stock.daysToReconcile())).isNotEmpty();
        Map<Stock, Integer> physical = new EnumMap<>(Stock.class);
        physical.put(Stock.WHITE, 69);
        physical.put(Stock.SEMI, 0);
        physical.put(Stock.FINISHED, 0);
        Reconciliation r = users.as("floorb1", () -> stock.reconcile(null, physical));
        assertThat(r.status()).isEqualTo(Reconciliation.MISMATCH);
        assertThat(r.lines().get(0)).isEqualTo(new Reconciliation.Line(Stock.WHITE, 0, 100, 30, 0, 70, 69));
        assertThatThrownBy(() -> users.run("floorb2", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("日清点");
        String blocked = release(MAKER_B, 2, false);
        String start = task("floorb1", blocked, FloorService.START_TASK);
        assertThatThrownBy(() -> users.run("floorb1", () -> floor.confirmStart(start)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("日清点");
        assertThatThrownBy(() -> users.run("floorb1", () -> stock.confirmExplanation(r.id())))
                .isInstanceOf(ConflictException.class);
        users.run("floorb1", () -> stock.explain(r.id(), "一张白卡送检，未登记出库"));
        assertThatThrownBy(() -> users.run("floorb1", () -> stock.confirmExplanation(r.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.run("floora1", () -> stock.confirmExplanation(r.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as("floorb2", () -> stock.confirmExplanation(r.id())).status())
                .isEqualTo(Reconciliation.EXPLAINED);
        users.run("floorb2", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null));
        users.run("floorb1", () -> floor.confirmStart(start));
        assertThatThrownBy(() -> users.run("floorb1", () -> stock.reconcile(null, Map.of(Stock.WHITE, 1))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("physical.SEMI");
        assertThatThrownBy(() -> users.run("floorb1", () -> stock.logShift(FloorEnums.Shift.MORNING, "floorb1", "正常")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("handedTo");
        assertThat(users.as("floorb1", () -> stock.logShift(FloorEnums.Shift.MORNING, "floorb2", "设备正常，白卡 70 张"))
                .handedTo()).isEqualTo("floorb2");
    }

    @Test
    @DisplayName("PER-10: the production log holds the steps' entries of a batch and the shift hand-overs; a hand-over to oneself or without the state of the work is 400 by field; another maker does not read it")
    void productionLog() {
        String batch = release(MAKER_A, 1, false);
        assertThat(users.as("floora1", () -> stock.logEntries(500)).stream().filter(e -> batch.equals(e.batchNo())))
                .extracting(FloorViews.LogEntry::entryKind).contains("STEP");
        assertThatThrownBy(() -> users.run("floora1", () -> stock.logShift(FloorEnums.Shift.NIGHT, "floora1", "正常")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("handedTo");
        assertThatThrownBy(() -> users.run("floora1", () -> stock.logShift(FloorEnums.Shift.NIGHT, "floora2", " ")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("workState");
        assertThatThrownBy(() -> users.run("floora1", () -> stock.logShift(null, "floora2", "正常")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("shift");
        var entry = users.as("floora1", () -> stock.logShift(FloorEnums.Shift.NIGHT, "floora2", "批次 " + batch
                + " 待开工"));
        assertThat(entry.handedTo()).isEqualTo("floora2");
        assertThat(users.as("floora2", () -> stock.logEntries(50))).extracting(FloorViews.LogEntry::id)
                .contains(entry.id());
        assertThat(users.as("floorb1", () -> stock.logEntries(500))).extracting(FloorViews.LogEntry::id)
                .doesNotContain(entry.id());
    }

    @Test
    @DisplayName("PER-11: the lead does not sign off a double count he took part in (403)")
    void leadWhoCountedDoesNotSignOff() {
        String batch = scenarios.destroyed();
        users.run("flooralead", () -> floor.count(users.as("flooralead", () -> floor.countTaskAt(batch)), 2));
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 2));
        String signOff = task("flooralead", batch, FloorService.SIGN_OFF_TASK);
        assertThatThrownBy(() -> users.run("flooralead", () -> floor.signOff(signOff, "同意")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @DisplayName("PER-09: a maker that never reconciles is blocked too — a day before today with movements and no reconciliation stops every movement (409) until that day is reconciled")
    void unreconciledDayBlocks() {
        LocalDate yesterday = users.as("floord1", () -> stock.today()).minusDays(1);
        jdbc.update("INSERT INTO floor_movement (id, maker_code, move_day, stock, direction, quantity, batch_no, note,"
                + " recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP)",
                java.util.UUID.randomUUID().toString(), FloorScenarios.MAKER_D, java.sql.Date.valueOf(yesterday),
                "WHITE", "IN", 50, null, "白卡入库", "floord1");
        assertThatThrownBy(() -> users.run("floord1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(yesterday.toString());
        Map<Stock, Integer> physical = new EnumMap<>(Stock.class);
        physical.put(Stock.WHITE, 50);
        physical.put(Stock.SEMI, 0);
        physical.put(Stock.FINISHED, 0);
        assertThat(users.as("floord1", () -> stock.reconcile(yesterday, physical)).status())
                .isEqualTo(Reconciliation.MATCHED);
        users.run("floord1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null));
    }

    @Test
    @DisplayName("PER-12: a box damaged in the store is held, recounted and repacked under a new seal, investigated and registered by a second person, and back in the store; the receiver learns the new seal; a short recount names the missing cards, which leave the box as finished scrap")
    void damagedBox() {
        String batch = scenarios.sealed();
        String boxNo = batch + "-001";
        var incident = users.as("floora1", () -> store.report(boxNo, BoxIncidentKind.DAMAGED, "搬运时箱角破损"));
        assertThat(users.as("floora1", () -> store.boxes()).stream().filter(b -> b.boxNo().equals(boxNo))
                .findFirst().orElseThrow().status()).isEqualTo(BoxStore.HELD);
        assertThatThrownBy(() -> users.run("floora1", () -> store.report(boxNo, BoxIncidentKind.OPENED, "再次")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.run("floorb1", () -> store.repack(incident.id(), 1, "NEW-" + batch)))
                .isInstanceOf(NotFoundException.class);
        users.run("floora1", () -> store.repack(incident.id(), 1, "NEW" + batch.replaceAll("[^A-Za-z0-9]", "")));
        assertThatThrownBy(() -> users.run("floora1", () -> store.register(incident.id(), "箱体破损，卡片完好")))
                .isInstanceOf(AccessDeniedException.class);
        var registered = users.as("floora2", () -> store.register(incident.id(), "箱体破损，卡片完好，无缺失"));
        assertThat(registered.status()).isEqualTo(BoxStore.REGISTERED);
        var box = users.as("floora1", () -> store.boxes()).stream().filter(b -> b.boxNo().equals(boxNo))
                .findFirst().orElseThrow();
        assertThat(box.status()).isEqualTo(BoxStore.IN_STORE);
        assertThat(box.sealNo()).isEqualTo("NEW" + batch.replaceAll("[^A-Za-z0-9]", ""));
        assertThat(new ArrayList<>(users.as("floora1", () -> store.incidents()))).isNotEmpty();
        // the receiving side learns the box's new seal; the published one is broken
        String original = FloorScenarios.seals(batch, 2).get(0);
        assertThat(scenarios.resealedEvents()).filteredOn(e -> e.boxNo().equals(boxNo)).singleElement()
                .satisfies(e -> {
                    assertThat(e.batchNo()).isEqualTo(batch);
                    assertThat(e.oldSealNo()).isEqualTo(original);
                    assertThat(e.newSealNo()).isEqualTo(box.sealNo());
                    assertThat(e.cardNos()).containsExactly(scenarios.cards(batch).get(0));
                });
        // a recount short of the box names the missing card: it leaves the box, is finished scrap and goes to production
        String box2 = batch + "-002";
        String card2 = jdbc.queryForObject("SELECT card_no FROM floor_box_card WHERE box_no = ?", String.class, box2);
        var opened = users.as("floora1", () -> store.report(box2, BoxIncidentKind.OPENED, "封签被撕开"));
        String seal2 = "NEW2" + batch.replaceAll("[^A-Za-z0-9]", "");
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(opened.id(), 0, seal2)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("missingCardNos");
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(opened.id(), 0, seal2, List.of("NOT-IN-BOX"))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("missingCardNos");
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(opened.id(), 2, seal2)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("recounted");
        users.run("floora1", () -> store.repack(opened.id(), 0, seal2, List.of(card2)));
        users.run("floora2", () -> store.register(opened.id(), "一张卡丢失，已报公安"));
        var emptied = users.as("floora1", () -> store.boxes()).stream().filter(b -> b.boxNo().equals(box2))
                .findFirst().orElseThrow();
        assertThat(emptied.cardCount()).isZero();
        assertThat(users.as("floora1", () -> stock.movements(stock.today())).stream()
                .filter(m -> batch.equals(m.batchNo()) && m.stock() == Stock.FINISHED && m.direction() == Direction.SCRAP)
                .mapToInt(FloorViews.Movement::quantity).sum()).isEqualTo(1);
        assertThat(scenarios.resealedEvents()).filteredOn(e -> e.boxNo().equals(box2)).singleElement()
                .satisfies(e -> assertThat(e.cardNos()).isEmpty());
    }

    @Test
    @DisplayName("PER-11 PER-08: a double count that matches but disagrees with the cards the line lists (counts in ≠ out) cannot be sealed (409); a scrap record with more entries than the batch allows or more modules than the cap is 400 by field")
    void countsInEqualCountsOut() {
        String batch = scenarios.produced();
        scenarios.handOver("floora1", batch, new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0));
        scenarios.handOver("floora2", batch, new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 3, 3, 0, 0));
        scenarios.handOver("floora1", batch, new HandoverForm(HandoverStep.PACKING, "floora2", 3, 3, 0, 0));
        String scrap = task("floora1", batch, FloorService.SCRAP_TASK);
        List<ScrapEntry> tooMany = java.util.stream.IntStream.range(0, 3 + FloorChecks.MAX_MODULE_ENTRIES + 1)
                .mapToObj(i -> new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 1, "虚焊")).toList();
        assertThatThrownBy(() -> users.run("floora1", () -> floor.recordScrap(scrap, new ScrapForm(tooMany, "粉碎",
                "销毁室")))).isInstanceOf(DomainValidationException.class).hasMessageContaining("entries");
        List<ScrapEntry> overflow = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 100_000, "虚焊")).toList();
        assertThatThrownBy(() -> users.run("floora1", () -> floor.recordScrap(scrap, new ScrapForm(overflow, "粉碎",
                "销毁室")))).isInstanceOf(DomainValidationException.class).hasMessageContaining("entries[10].quantity");
        users.run("floora1", () -> floor.recordScrap(scrap, new ScrapForm(List.of(new ScrapEntry(
                ScrapCategory.MODULE_SCRAPPED, null, 1, "虚焊")), "粉碎", "销毁室")));
        users.run("floora2", () -> floor.coSignDestruction(task("floora2", batch, FloorService.DESTRUCTION_TASK)));
        // a card scrapped at production behind the floor's back: the line now lists 2 good cards, the floor counted 3
        String lost = scenarios.cards(batch).get(0);
        users.run("floora1", () -> line.reportScrapped(batch, lost, "未经现场登记的报废"));
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 3));
        users.run("floora2", () -> floor.count(users.as("floora2", () -> floor.countTaskAt(batch)), 3));
        users.run("flooralead", () -> floor.signOff(task("flooralead", batch, FloorService.SIGN_OFF_TASK), "同意"));
        String seal = task("floora1", batch, FloorService.SEAL_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.seal(seal, new SealForm(3,
                FloorScenarios.seals(batch, 1))))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("双人清点");
    }

    @Test
    @DisplayName("PER-12 PER-11: an opened box is never resealed under its original (broken) seal nor any seal used before, and no batch is sealed with a retired seal number (400 by field)")
    void sealsAreNeverReused() {
        String batch = scenarios.sealed();
        String boxNo = batch + "-001";
        String original = FloorScenarios.seals(batch, 2).get(0);
        String other = FloorScenarios.seals(batch, 2).get(1);
        String temporary = "TMP" + batch.replaceAll("[^A-Za-z0-9]", "");
        var first = users.as("floora1", () -> store.report(boxNo, BoxIncidentKind.OPENED, "封签破损"));
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(first.id(), 1, original)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("newSealNo");
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(first.id(), 1, other)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("newSealNo");
        users.run("floora1", () -> store.repack(first.id(), 1, temporary));
        users.run("floora2", () -> store.register(first.id(), "封签破损，卡片齐全"));
        // opened again: the attacker tries to restore the published seal
        var second = users.as("floora1", () -> store.report(boxNo, BoxIncidentKind.OPENED, "再次开箱"));
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(second.id(), 1, original)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("newSealNo");
        assertThatThrownBy(() -> users.run("floora1", () -> store.repack(second.id(), 1, temporary)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("newSealNo");
        // a new batch cannot be sealed with a retired seal number either
        String next = scenarios.signedOff();
        String sealTask = task("floora1", next, FloorService.SEAL_TASK);
        assertThatThrownBy(() -> users.run("floora1", () -> floor.seal(sealTask, new SealForm(2, List.of(original)))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("sealNos");
        assertThatThrownBy(() -> users.run("floora1", () -> floor.seal(sealTask, new SealForm(2, List.of(temporary)))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("sealNos");
    }
}
