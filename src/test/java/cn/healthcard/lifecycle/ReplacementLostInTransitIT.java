package cn.healthcard.lifecycle;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.ProducedCard;
import cn.healthcard.production.ProductionFixture;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.ReplaceLostCards;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replacement (补换) whose new card is lost in transit (issue #13, PER-12 / APP-11): production voids the number and
 * makes the case a second card in the next plan; the replacement case, already at pick-up, takes the second card and
 * completes. The whole chain runs on the batch route of the production tests' desk.
 */
@IntegrationTest
class ReplacementLostInTransitIT {

    private static final String CLERK = "pxclerk";
    private static final String SUPERVISOR = "pxdesksup";

    @Autowired ApplicationContext context;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired ResidentService residents;
    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ProductionLine line;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired cn.healthcard.logistics.internal.ProductionEvents logisticsInbox;

    CardRequestScenarios scenario;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
        userAdministration.createIfAbsent(SUPERVISOR, "demo1234", "服务点审核员", ProductionFixture.DESK,
                Set.of(Role.SUPERVISOR), false, true);
        scenario = new CardRequestScenarios(requests, inbox, users);
    }

    @Test
    @DisplayName("LC-04 PER-12 APP-11 a replacement card lost in transit: its number is void, the case's second card "
            + "(next plan) replaces it at the pick-up, bound to the case and holder; a replay of either card changes "
            + "nothing, another case's card and a card for a completed request are refused; the pick-up activates the second card and completes the request")
    void replacementCardLostInTransitIsRemadeAndPickedUp() {
        ResidentData holder = TestResidents.newResident("补换丢件");
        String oldCard = activeCard(holder);

        // the replacement, approved: its card is ordered on the desk's batch route
        String requestId = scenario.submit(CLERK, RequestType.REPLACEMENT, form(oldCard, holder,
                "replacementReason", "DAMAGED", "oldCardReturned", true, "feeAmount", "20", "feeReceiptNo", "P-LT1"))
                .requestId();
        scenario.review(SUPERVISOR, requestId, "APPROVE", null);
        Eventually.await("order of " + requestId, Duration.ofSeconds(30), () -> jdbc.queryForList(
                "SELECT status FROM production_order WHERE case_id = ?", String.class, requestId),
                l -> l.contains("QUEUED"));

        // round 1: made, sealed, announced; the case waits at the pick-up with the first card
        String lostCard = planAndSeal(requestId);
        scenario.task(CLERK, requestId, CardRequestService.REPLACEMENT_PICKUP_TASK);
        Eventually.await("first card at " + requestId, Duration.ofSeconds(30), () -> newCard(requestId),
                lostCard::equals);
        assertThat(status(lostCard)).isEqualTo(CardStatus.READY);

        // lost in transit: void for good (the registry too), the case is re-queued and has no card to hand over
        request(new ReplaceLostCards("SH-LT-" + lostCard, "150102",
                List.of(new ReplaceLostCards.LostCard(requestId, lostCard, "MISSING"))));
        assertThat(orderColumn("status", requestId)).isEqualTo("QUEUED");
        assertThat(status(lostCard)).isEqualTo(CardStatus.CANCELLED);
        assertThat(newCard(requestId)).isNull();
        var pickupBefore = scenario.task(CLERK, requestId, CardRequestService.REPLACEMENT_PICKUP_TASK);
        assertThatThrownBy(() -> users.as(CLERK, () -> requests.registerReplacementPickup(pickupBefore.taskId(), true,
                false, true))).isInstanceOf(cn.healthcard.common.ConflictException.class)
                .satisfies(t -> assertThat(((cn.healthcard.common.ConflictException) t).code())
                        .isEqualTo(CardRequestService.REPLACEMENT_CARD_PENDING))
                .hasMessageContaining("补制");

        // round 2: the next plan makes the case a new card, which the case at the pick-up takes
        String secondCard = planAndSeal(requestId);
        assertThat(secondCard).isNotEqualTo(lostCard);
        Eventually.await("second card at " + requestId, Duration.ofSeconds(30), () -> newCard(requestId),
                secondCard::equals);
        assertThat(jdbc.queryForObject("SELECT status FROM production_completion WHERE case_id = ? AND card_no = ?",
                String.class, requestId, secondCard)).isEqualTo("PUBLISHED");
        assertThat(status(secondCard)).isEqualTo(CardStatus.READY);
        String holderId = users.as(CLERK, () -> cards.find(oldCard)).orElseThrow().residentId();
        assertThat(users.as(CLERK, () -> cards.find(secondCard)).orElseThrow().residentId()).isEqualTo(holderId);

        // replays: the second card's announcement again, and the void first card's, change nothing
        announce(requestId, secondCard);
        announce(requestId, lostCard);
        assertThat(newCard(requestId)).isEqualTo(secondCard);
        assertThat(status(lostCard)).isEqualTo(CardStatus.CANCELLED);

        // another case's card announced for this request: refused (the completion is parked), nothing changes
        String othersCard = activeCard(TestResidents.newResident("补换他人"));
        String othersHolder = users.as(CLERK, () -> cards.find(othersCard)).orElseThrow().residentId();
        assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> requests.replacementCardProduced(requestId,
                othersCard, "CHIP-X"))).isInstanceOf(IllegalStateException.class);
        assertThat(newCard(requestId)).isEqualTo(secondCard);
        assertThat(status(secondCard)).isEqualTo(CardStatus.READY);
        assertThat(status(othersCard)).isEqualTo(CardStatus.ACTIVE);
        assertThat(users.as(CLERK, () -> cards.find(othersCard)).orElseThrow().residentId()).isEqualTo(othersHolder);

        // the second card reaches the desk (logistics' own ITs cover the shipment; here the stock record is moved)
        Eventually.await("stock record of " + secondCard, Duration.ofSeconds(30), () -> {
            List<String> caseIds = jdbc.queryForList("SELECT case_id FROM stock_item WHERE card_no = ?", String.class,
                    secondCard);
            if (!caseIds.contains(requestId)) {
                logisticsInbox.retryOpen(Duration.ZERO); // an entry that lost the stock item's insert race
            }
            return caseIds;
        }, l -> l.contains(requestId));
        jdbc.update("UPDATE stock_item SET status = 'IN_STOCK', place_code = ?, place_region = '150102' WHERE"
                + " card_no = ?", ProductionFixture.DESK, secondCard);
        var pickup = scenario.task(CLERK, requestId, CardRequestService.REPLACEMENT_PICKUP_TASK);
        users.as(CLERK, () -> requests.registerReplacementPickup(pickup.taskId(), true, false, true));
        Eventually.await("request " + requestId + " completed", Duration.ofSeconds(30),
                () -> users.as(CLERK, () -> requests.get(requestId)).status(), RequestStatus.COMPLETED::equals);
        assertThat(status(secondCard)).isEqualTo(CardStatus.ACTIVE);
        assertThat(status(oldCard)).isEqualTo(CardStatus.REPLACED);
        assertThat(status(lostCard)).isEqualTo(CardStatus.CANCELLED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_completion WHERE case_id = ? AND status ="
                + " 'PARKED'", Integer.class, requestId)).isZero();

        // a further card production holds for the case, announced once the request is completed: refused, the
        // request and the registry unchanged (no one more card registered for the old card)
        String late = "15010298" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        jdbc.update("UPDATE production_order SET card_no = ? WHERE case_id = ?", late, requestId);
        assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> requests.replacementCardProduced(requestId,
                late, "CHIP-" + late))).isInstanceOf(IllegalStateException.class);
        assertThat(newCard(requestId)).isEqualTo(secondCard);
        assertThat(users.as(CLERK, () -> cards.find(late))).isEmpty();
        assertThat(status(secondCard)).isEqualTo(CardStatus.ACTIVE);
    }

    // ---------------------------------------------------------------- helpers

    /** An active card of a new resident of the test desk's region, with its issued application (as issuance leaves it). */
    private String activeCard(ResidentData holder) {
        String cardNo = "15010299" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        String applicationId = "LT-" + cardNo;
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> {
            String residentId = residents.register(holder, "150102").id();
            jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status, channel,"
                    + " card_no, created_by, created_at, updated_at, version) VALUES (?, ?, ?, '150102', 'ISSUED',"
                    + " 'DESK', ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)", applicationId, residentId,
                    ProductionFixture.DESK, cardNo, CLERK);
            cards.registerProduced(cardNo, residentId, applicationId, "150102", ProductionFixture.DESK,
                    "CHIP-" + cardNo);
            cards.transition(cardNo, CardAction.ACTIVATE, CardChange.because("领卡启用"));
        }));
        return cardNo;
    }

    /** The plan with the case's order is submitted; the case's batch is made and sealed; its card number. */
    private String planAndSeal(String caseId) {
        var plan = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(plan.planNo(), plan.version()));
        assertThat(orderColumn("status", caseId)).isEqualTo("RELEASED");
        String batchNo = orderColumn("batch_no", caseId);
        String maker = jdbc.queryForObject("SELECT maker_code FROM production_batch WHERE batch_no = ?", String.class,
                batchNo);
        String user = ProductionFixture.MAKER.equals(maker) ? "pxmaker" : "pxmaker2";
        try {
            users.as(user, () -> line.receive(batchNo));
        } catch (RuntimeException raced) {
            // the floor's process received it at the same moment
        }
        Eventually.await("batch " + batchNo + " received", Duration.ofSeconds(30), () -> batchStatus(batchNo),
                s -> !"RELEASED".equals(s));
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        Eventually.await("batch " + batchNo + " finished", Duration.ofSeconds(30), () -> batchStatus(batchNo),
                "FINISHED"::equals);
        List<String> made = users.as(user, () -> line.producedCards(batchNo)).stream().map(ProducedCard::cardNo)
                .toList();
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(new BatchSealed(
                batchNo, maker, ProductionFixture.CENTRE, List.of(new BatchSealed.SealedBox("BOX-" + batchNo,
                "SEAL-" + batchNo, made))))));
        assertThat(orderColumn("status", caseId)).isEqualTo("COMPLETED");
        return orderColumn("card_no", caseId);
    }

    /** The finished card's announcement once more, as a retried job would publish it. */
    private void announce(String caseId, String cardNo) {
        Map<String, Object> c = jdbc.queryForMap("SELECT production_ref, chip_serial, batch_no, desk_code FROM"
                + " production_completion WHERE case_id = ? AND card_no = ?", caseId, cardNo);
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(
                new CardProductionCompleted(caseId, (String) c.get("PRODUCTION_REF"), cardNo,
                        (String) c.get("CHIP_SERIAL"), (String) c.get("BATCH_NO"), (String) c.get("DESK_CODE")))));
    }

    private void request(ReplaceLostCards command) {
        // as logistics does: published inside the receipt's transaction
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(command)));
    }

    private String orderColumn(String column, String caseId) {
        return jdbc.queryForObject("SELECT " + column + " FROM production_order WHERE case_id = ?", String.class,
                caseId);
    }

    private String batchStatus(String batchNo) {
        return jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class, batchNo);
    }

    private String newCard(String requestId) {
        return users.as(CLERK, () -> requests.get(requestId)).newCardNo();
    }

    private CardStatus status(String cardNo) {
        return users.as(CLERK, () -> cards.find(cardNo)).orElseThrow().status();
    }
}
