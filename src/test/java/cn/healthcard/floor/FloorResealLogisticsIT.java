package cn.healthcard.floor;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.logistics.DispatchData;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.internal.BoxReseals;
import cn.healthcard.logistics.internal.ProductionEvents;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A box repacked in the maker's store reaches logistics (PER-12, PER-11): the shipment expects the new seal and the
 * cards the box now holds, the old seal stays in the history, a replayed or early event is harmless, a reseal after
 * dispatch is flagged and changes nothing.
 */
@IntegrationTest
class FloorResealLogisticsIT {

    @Autowired FloorScenarios scenarios;
    @Autowired BoxStore store;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired ProductionEvents inbox;
    @Autowired ShipmentService shipments;
    @Autowired org.camunda.bpm.engine.TaskService taskService;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    private String shipmentId(String batch) {
        // the shipment comes from BatchSealed through the logistics inbox; an entry that lost a race with the card's
        // CardProductionCompleted (both create the stock item) is handled again by the inbox's retry
        return Eventually.await("shipment of " + batch, Duration.ofSeconds(30), () -> {
            List<String> ids = jdbc.queryForList("SELECT id FROM shipment WHERE sealed_batch_no = ?", String.class,
                    batch);
            if (ids.isEmpty()) {
                inbox.retryOpen(Duration.ZERO);
            }
            return ids;
        }, ids -> !ids.isEmpty()).get(0);
    }

    private String seal(String batch, String box) {
        return jdbc.queryForObject("SELECT seal_no FROM shipment_box WHERE shipment_id = ? AND box_no = ?",
                String.class, shipmentId(batch), box);
    }

    private int boxCount(String batch, String box) {
        return jdbc.queryForObject("SELECT card_count FROM shipment_box WHERE shipment_id = ? AND box_no = ?",
                Integer.class, shipmentId(batch), box);
    }

    private List<String> history(String batch, String box) {
        return jdbc.queryForList("SELECT old_seal_no || '>' || new_seal_no || ':' || outcome FROM shipment_box_seal"
                + " WHERE shipment_id = ? AND box_no = ? ORDER BY recorded_at, id", String.class, shipmentId(batch), box);
    }

    private void publish(BoxResealed e) {
        transactions.executeWithoutResult(t -> SecurityContextUsers.runAsSystem(() -> events.publishEvent(e)));
    }

    private void reseal(String batch, String box, String newSeal, List<String> missing) {
        var incident = users.as("floora1", () -> store.report(box, BoxIncidentKind.OPENED, "封签被撕开"));
        users.run("floora1", () -> store.repack(incident.id(), missing.isEmpty() ? 1 : 0, newSeal, missing));
        users.run("floora2", () -> store.register(incident.id(), "已重新封箱"));
    }

    @Test
    @DisplayName("PER-12 PER-11: a box resealed in the store is expected at receipt under its new seal with the cards it now holds (a card that left it no longer travels and is re-ordered: void, its case queued once, replay-safe), the old seal stays in the history; a replayed event changes nothing, an early one waits for its predecessor")
    void resealReachesLogistics() {
        String batch = scenarios.sealed();
        String box1 = batch + "-001";
        String box2 = batch + "-002";
        List<String> original = FloorScenarios.seals(batch, 2);
        String id = shipmentId(batch);
        assertThat(seal(batch, box1)).isEqualTo(original.get(0));
        String base = batch.replaceAll("[^A-Za-z0-9]", "");

        reseal(batch, box1, "R1" + base, List.of());
        assertThat(seal(batch, box1)).isEqualTo("R1" + base);
        assertThat(boxCount(batch, box1)).isEqualTo(1);
        assertThat(history(batch, box1)).containsExactly(original.get(0) + ">R1" + base + ":APPLIED");

        // replayed: nothing changes, no second history row
        BoxResealed first = scenarios.resealedEvents().stream().filter(e -> e.boxNo().equals(box1)).findFirst()
                .orElseThrow();
        publish(first);
        assertThat(seal(batch, box1)).isEqualTo("R1" + base);
        assertThat(history(batch, box1)).hasSize(1);

        // the short recount: the missing card leaves the box and the shipment
        String card2 = jdbc.queryForObject("SELECT card_no FROM floor_box_card WHERE box_no = ?", String.class, box2);
        reseal(batch, box2, "R2" + base, List.of(card2));
        // a card's own answer (its case) may still wait in the inbox (or not have arrived from the simulated maker
        // yet), and the reseal waits for it: the retry applies both
        Eventually.await("reseal of " + box2, Duration.ofSeconds(30), () -> {
            inbox.retryOpen(Duration.ZERO);
            return seal(batch, box2);
        }, ("R2" + base)::equals);
        assertThat(boxCount(batch, box2)).isZero();
        assertThat(jdbc.queryForObject("SELECT card_count FROM shipment WHERE id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM stock_item WHERE card_no = ?", String.class, card2))
                .isEqualTo("DAMAGED");
        assertThat(jdbc.queryForObject("SELECT shipment_no FROM stock_item WHERE card_no = ?", String.class, card2))
                .isNull();
        // PER-12: the card that left the box is replaced as other damaged cards are: void, its case queued again
        String case2 = jdbc.queryForObject("SELECT case_id FROM stock_item WHERE card_no = ?", String.class, card2);
        assertThat(jdbc.queryForMap("SELECT reason, reference FROM production_void_card WHERE card_no = ?", card2))
                .containsEntry("REASON", "DAMAGED").containsEntry("REFERENCE", "RESEAL-" + box2 + "-R2" + base);
        assertThat(jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, case2))
                .isEqualTo("QUEUED");

        // the reseal's event again (a replay): no second void, the case stays queued once
        publish(scenarios.resealedEvents().stream().filter(e -> e.boxNo().equals(box2)).findFirst().orElseThrow());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_void_card WHERE case_id = ?", Integer.class,
                case2)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, case2))
                .isEqualTo("QUEUED");

        // out of order: R3 → R4 arrives before R2 → R3; it waits in the inbox and applies once its predecessor has
        publish(new BoxResealed(batch, box2, "R3" + base, "R4" + base, List.of()));
        assertThat(seal(batch, box2)).isEqualTo("R2" + base);
        publish(new BoxResealed(batch, box2, "R2" + base, "R3" + base, List.of()));
        assertThat(seal(batch, box2)).isEqualTo("R3" + base);
        inbox.retryOpen(Duration.ZERO);
        assertThat(seal(batch, box2)).isEqualTo("R4" + base);
        assertThat(history(batch, box2)).containsExactly(original.get(1) + ">R2" + base + ":APPLIED",
                "R2" + base + ">R3" + base + ":APPLIED", "R3" + base + ">R4" + base + ":APPLIED");
    }

    @Test
    @DisplayName("PER-12: a box resealed after its shipment left the maker is flagged (history and audit) and the receipt still expects the seal it left with")
    void resealAfterDispatchIsFlagged() {
        String batch = scenarios.sealed();
        String box1 = batch + "-001";
        String original = FloorScenarios.seals(batch, 2).get(0);
        jdbc.update("UPDATE shipment SET status = 'DISPATCHED' WHERE id = ?", shipmentId(batch));
        String base = batch.replaceAll("[^A-Za-z0-9]", "");
        reseal(batch, box1, "L1" + base, List.of());
        assertThat(seal(batch, box1)).isEqualTo(original);
        assertThat(history(batch, box1)).containsExactly(original + ">L1" + base + ":AFTER_DISPATCH");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'BoxResealedAfterDispatch'"
                + " AND subject_id = (SELECT shipment_no FROM shipment WHERE id = ?)", Integer.class, shipmentId(batch)))
                .isEqualTo(1);
    }

    private String dispatchTask(String shipmentNo) {
        return taskService.createTaskQuery().processInstanceBusinessKey(shipmentNo)
                .taskDefinitionKey(ShipmentService.DISPATCH_TASK).singleResult().getId();
    }

    private void dispatch(String shipmentNo) {
        // a card's production answer applied by the inbox at the same moment changes the same stock items: the dispatch
        // then fails as a concurrent change (409 CONCURRENT_CHANGE over the API) and the floor clerk sends it again
        for (int attempt = 1; ; attempt++) {
            try {
                users.run("floora1", () -> shipments.dispatch(dispatchTask(shipmentNo), new DispatchData(
                        "SF-H-" + shipmentNo, "顺丰 测试", LocalDate.now(ChinaTime.ZONE).plusDays(2))));
                return;
            } catch (org.springframework.dao.ConcurrencyFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
                inbox.retryOpen(Duration.ZERO);
            }
        }
    }

    private void assertDispatchHeld(String shipmentNo, String box) {
        assertThatThrownBy(() -> dispatch(shipmentNo)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(box).satisfies(e -> assertThat(((ConflictException) e).code())
                        .isEqualTo(BoxReseals.BOX_HELD_CODE));
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo))
                .isEqualTo("CREATED");
    }

    @Test
    @DisplayName("PER-12: a box reported damaged or opened holds its shipment at the maker: the dispatch is refused 409 SHIPMENT_BOX_HELD after the report, after the repack (before the new seal is registered) and while the hold still waits in the inbox; once the new seal is registered the shipment leaves with it")
    void heldBoxHoldsTheDispatch() {
        String batch = scenarios.sealed();
        String box1 = batch + "-001";
        String shipmentNo = jdbc.queryForObject("SELECT shipment_no FROM shipment WHERE id = ?", String.class,
                shipmentId(batch));
        String base = batch.replaceAll("[^A-Za-z0-9]", "");

        var incident = users.as("floora1", () -> store.report(box1, BoxIncidentKind.DAMAGED, "箱角压损"));
        assertThat(jdbc.queryForObject("SELECT held_since FROM shipment_box WHERE shipment_id = ? AND box_no = ?",
                java.sql.Timestamp.class, shipmentId(batch), box1)).isNotNull();
        assertDispatchHeld(shipmentNo, box1);

        // the gap of the review: repacked under a new seal, not yet registered
        users.run("floora1", () -> store.repack(incident.id(), 1, "H1" + base, List.of()));
        assertDispatchHeld(shipmentNo, box1);

        // a hold not yet handled (its handler failed, or runs after the commit) holds the dispatch as well
        jdbc.update("UPDATE shipment_box SET held_since = NULL WHERE shipment_id = ? AND box_no = ?", shipmentId(batch),
                box1);
        String pending = java.util.UUID.randomUUID().toString();
        jdbc.update("INSERT INTO logistics_inbox (id, event_type, event_key, payload, received_at, attempts, version)"
                + " VALUES (?, 'BoxHeld', ?, '{}', CURRENT_TIMESTAMP, 1, 0)", pending, box1);
        assertDispatchHeld(shipmentNo, box1);
        jdbc.update("DELETE FROM logistics_inbox WHERE id = ?", pending);
        jdbc.update("UPDATE shipment_box SET held_since = CURRENT_TIMESTAMP WHERE shipment_id = ? AND box_no = ?",
                shipmentId(batch), box1);

        users.run("floora2", () -> store.register(incident.id(), "运输箱压损，卡片完好，已重新封箱"));
        assertThat(seal(batch, box1)).isEqualTo("H1" + base);
        assertThat(jdbc.queryForObject("SELECT held_since FROM shipment_box WHERE shipment_id = ? AND box_no = ?",
                java.sql.Timestamp.class, shipmentId(batch), box1)).isNull();
        dispatch(shipmentNo);
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo))
                .isEqualTo("DISPATCHED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'BoxHoldRecorded'"
                + " AND subject_id = ?", Integer.class, shipmentNo)).isEqualTo(1);
    }

    /** Runs {@code work} in a transaction on another thread and keeps it open until {@code release} counts down. */
    private java.util.concurrent.CompletableFuture<Void> openTransaction(String user, Runnable work,
            java.util.concurrent.CountDownLatch done, java.util.concurrent.CountDownLatch release) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> users.run(user,
                () -> transactions.executeWithoutResult(t -> {
                    work.run();
                    done.countDown();
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })));
    }

    @Test
    @DisplayName("PER-12 (review 15 MED 3a): a damage report and the dispatch are serialized on the box: a dispatch while a report is uncommitted waits for it and is refused 409 SHIPMENT_BOX_HELD; a report while a dispatch is uncommitted waits for it and is refused 409 BOX_NOT_IN_STORE (the box has left) — the box is never held after it left")
    void dispatchAndDamageReportAreSerialized() throws Exception {
        // report first, dispatch while the report is open
        String batch = scenarios.sealed();
        String box1 = batch + "-001";
        String shipmentNo = jdbc.queryForObject("SELECT shipment_no FROM shipment WHERE id = ?", String.class,
                shipmentId(batch));
        var reported = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var report = openTransaction("floora1", () -> store.report(box1, BoxIncidentKind.OPENED, "封签破损"),
                reported, release);
        assertThat(reported.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var dispatching = java.util.concurrent.CompletableFuture.runAsync(() -> dispatch(shipmentNo));
        Thread.sleep(500);
        assertThat(dispatching).as("the dispatch waits for the box's lock").isNotDone();
        release.countDown();
        report.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThatThrownBy(() -> dispatching.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e.getCause()).code()).isEqualTo(BoxReseals.BOX_HELD_CODE));
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo))
                .isEqualTo("CREATED");

        // dispatch first, report while the dispatch is open
        String batch2 = scenarios.sealed();
        String box2 = batch2 + "-001";
        String shipmentNo2 = jdbc.queryForObject("SELECT shipment_no FROM shipment WHERE id = ?", String.class,
                shipmentId(batch2));
        var dispatched = new java.util.concurrent.CountDownLatch(1);
        var release2 = new java.util.concurrent.CountDownLatch(1);
        var dispatch = openTransaction("floora1", () -> dispatch(shipmentNo2), dispatched, release2);
        assertThat(dispatched.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var reporting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> users.as("floora2", () -> store.report(box2, BoxIncidentKind.DAMAGED, "箱角压损")));
        Thread.sleep(500);
        assertThat(reporting).as("the report waits for the box's lock").isNotDone();
        release2.countDown();
        dispatch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThatThrownBy(() -> reporting.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e.getCause()).code()).isEqualTo("BOX_NOT_IN_STORE"));
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo2))
                .isEqualTo("DISPATCHED");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM floor_box WHERE batch_no = ?", String.class, batch2))
                .containsExactly(BoxStore.SHIPPED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'BoxHeldAfterDispatch'"
                + " AND subject_id = ?", Integer.class, shipmentNo2)).isZero();
    }

    @Test
    @DisplayName("PER-12 (review MED 5): a reseal whose leaving card never got its case (stock_item.case_id NULL) is not a poison entry: it waits a capped number of attempts, then is applied — the card booked DAMAGED, the audit names the card for manual re-ordering — and the shipment can be dispatched")
    void resealOfACardWithoutCaseIsParkedVisibly() {
        String batch = scenarios.sealed();
        String box2 = batch + "-002";
        String shipmentNo = jdbc.queryForObject("SELECT shipment_no FROM shipment WHERE id = ?", String.class,
                shipmentId(batch));
        String base = batch.replaceAll("[^A-Za-z0-9]", "");
        String card2 = jdbc.queryForObject("SELECT card_no FROM floor_box_card WHERE box_no = ?", String.class, box2);
        Eventually.await("stock item of " + card2, Duration.ofSeconds(30), () -> {
            inbox.retryOpen(Duration.ZERO);
            return jdbc.queryForList("SELECT case_id FROM stock_item WHERE card_no = ?", String.class, card2);
        }, l -> !l.isEmpty() && l.get(0) != null);
        jdbc.update("UPDATE stock_item SET case_id = NULL WHERE card_no = ?", card2); // its answer was lost

        reseal(batch, box2, "W2" + base, List.of(card2));
        inbox.retryOpen(Duration.ZERO);
        assertThat(seal(batch, box2)).isNotEqualTo("W2" + base); // waits for the case
        assertDispatchHeld(shipmentNo, box2);

        jdbc.update("UPDATE logistics_inbox SET attempts = ? WHERE event_type = ? AND event_key = ? AND done_at IS NULL",
                BoxReseals.CASE_WAIT_ATTEMPTS, BoxReseals.BOX_RESEALED, box2);
        inbox.retryOpen(Duration.ZERO);
        assertThat(seal(batch, box2)).isEqualTo("W2" + base);
        assertThat(jdbc.queryForObject("SELECT status FROM stock_item WHERE card_no = ?", String.class, card2))
                .isEqualTo("DAMAGED");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE event_type = 'ResealCardWithoutCase'"
                + " AND subject_id = ?", String.class, shipmentNo)).contains(card2);
        dispatch(shipmentNo);
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo))
                .isEqualTo("DISPATCHED");
    }

    @Test
    @DisplayName("PER-12 (review MED 3b): a late reseal of an older incident does not clear a newer incident's hold: hold 1, hold 2 under the first new seal (arriving first), then reseal 1 — the dispatch is still refused 409; reseal 2 releases it")
    void lateResealKeepsTheNewerHold() {
        String batch = scenarios.sealed();
        String box1 = batch + "-001";
        String shipmentNo = jdbc.queryForObject("SELECT shipment_no FROM shipment WHERE id = ?", String.class,
                shipmentId(batch));
        String base = batch.replaceAll("[^A-Za-z0-9]", "");
        String s0 = seal(batch, box1);
        List<String> cards = jdbc.queryForList("SELECT card_no FROM floor_box_card WHERE box_no = ?", String.class,
                box1);
        transactions.executeWithoutResult(t -> SecurityContextUsers.runAsSystem(() -> {
            events.publishEvent(new cn.healthcard.floor.BoxHeld(batch, box1, s0));
        }));
        transactions.executeWithoutResult(t -> SecurityContextUsers.runAsSystem(() -> {
            events.publishEvent(new cn.healthcard.floor.BoxHeld(batch, box1, "L1" + base));
        }));
        publish(new BoxResealed(batch, box1, s0, "L1" + base, cards));
        assertThat(seal(batch, box1)).isEqualTo("L1" + base);
        assertDispatchHeld(shipmentNo, box1);

        publish(new BoxResealed(batch, box1, "L1" + base, "L2" + base, cards));
        assertThat(seal(batch, box1)).isEqualTo("L2" + base);
        dispatch(shipmentNo);
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE shipment_no = ?", String.class, shipmentNo))
                .isEqualTo("DISPATCHED");
    }
}
