package cn.healthcard.production;

import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
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
import java.util.List;
import cn.healthcard.support.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacement cards for cards lost in transit (logistics' receipt agreed them; production re-orders). */
@IntegrationTest
class ReplaceLostCardsIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ResidentService residents;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired ProductionLine line;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
    }

    private String column(String column, String caseId) {
        return jdbc.queryForObject("SELECT " + column + " FROM production_order WHERE case_id = ?", String.class,
                caseId);
    }

    private void request(ReplaceLostCards command) {
        // as logistics does: published inside the receipt's transaction
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(command)));
    }

    private String makerUser(String batchNo) {
        String maker = jdbc.queryForObject("SELECT maker_code FROM production_batch WHERE batch_no = ?", String.class,
                batchNo);
        return ProductionFixture.MAKER.equals(maker) ? "pxmaker" : "pxmaker2";
    }

    /** The maker receives the batch, makes it and seals every card it made in one box. */
    private void produceAndSeal(String batchNo) {
        String user = makerUser(batchNo);
        String maker = jdbc.queryForObject("SELECT maker_code FROM production_batch WHERE batch_no = ?", String.class,
                batchNo);
        try {
            users.as(user, () -> line.receive(batchNo));
        } catch (RuntimeException raced) {
            // the floor's process received it at the same moment (its receipt deletes the file)
        }
        Eventually.await("batch " + batchNo + " received", Duration.ofSeconds(30), () -> jdbc.queryForObject(
                "SELECT status FROM production_batch WHERE batch_no = ?", String.class, batchNo), "RECEIVED"::equals);
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        Eventually.await("batch " + batchNo + " finished", Duration.ofSeconds(30), () -> jdbc.queryForObject(
                "SELECT status FROM production_batch WHERE batch_no = ?", String.class, batchNo), "FINISHED"::equals);
        List<String> made = users.as(user, () -> line.producedCards(batchNo)).stream()
                .map(ProducedCard::cardNo).toList();
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(new BatchSealed(batchNo,
                maker, ProductionFixture.CENTRE, List.of(new BatchSealed.SealedBox("BOX-" + batchNo, "SEAL-" + batchNo,
                made))))));
    }

    private boolean isVoid(String cardNo) {
        return SecurityContextUsers.runAsSystem(() -> orders.isVoid(cardNo));
    }

    private List<java.util.Map<String, Object>> completions(String caseId) {
        return jdbc.queryForList("SELECT card_no, status FROM production_completion WHERE case_id = ? ORDER BY"
                + " created_at", caseId);
    }

    @Test
    @DisplayName("APP-09 PER-12 (review 14): a card lost in transit after sealing is void for good and its case's "
            + "order is queued for a new round; the next plan makes a new card, the new batch seals (no completion "
            + "clash with the lost card's) and its completion is announced; a replay, a card still in production and "
            + "another case's number void nothing")
    void lostCardIsVoidAndReordered() {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        PlanView first = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(first.planNo(), first.version()));
        String lostCase = cases.get(0);
        String keptCase = cases.get(1);
        String lostCard = column("card_no", lostCase);
        String keptCard = column("card_no", keptCase);
        assertThat(lostCard).isNotNull();
        assertThat(isVoid(lostCard)).isFalse();
        ReplaceLostCards command = new ReplaceLostCards("SH-TEST-" + lostCard, "150102",
                List.of(new ReplaceLostCards.LostCard(lostCase, lostCard, "MISSING")));

        // a card still in production cannot have been lost in transit: nothing changes
        request(command);
        assertThat(isVoid(lostCard)).isFalse();
        assertThat(column("status", lostCase)).isEqualTo("RELEASED");
        assertThat(column("card_no", lostCase)).isEqualTo(lostCard);

        // round 1 made, sealed and announced
        for (String batchNo : new java.util.LinkedHashSet<>(List.of(column("batch_no", lostCase),
                column("batch_no", keptCase)))) {
            produceAndSeal(batchNo);
        }
        assertThat(column("status", lostCase)).isEqualTo("COMPLETED");
        Eventually.await("round 1 announced", Duration.ofSeconds(20), () -> completions(lostCase).get(0).get("STATUS"),
                "PUBLISHED"::equals);

        // another case's number named for this case voids nothing
        request(new ReplaceLostCards("SH-TEST-X-" + lostCard, "150102",
                List.of(new ReplaceLostCards.LostCard(lostCase, keptCard, "MISSING"))));
        assertThat(isVoid(keptCard)).isFalse();
        assertThat(column("status", keptCase)).isEqualTo("COMPLETED");
        assertThat(column("status", lostCase)).isEqualTo("COMPLETED");

        request(command);
        assertThat(isVoid(lostCard)).isTrue();
        assertThat(column("status", lostCase)).isEqualTo("QUEUED");
        assertThat(column("card_no", lostCase)).isNull();
        assertThat(column("batch_no", lostCase)).isNull();
        assertThat(column("status", keptCase)).isEqualTo("COMPLETED");
        assertThat(column("card_no", keptCase)).isEqualTo(keptCard);
        assertThat(jdbc.queryForMap("SELECT reason, reference, round_no FROM production_void_card WHERE card_no = ?",
                lostCard)).containsEntry("REASON", "MISSING").containsEntry("REFERENCE", command.reference())
                .containsEntry("ROUND_NO", 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionCardVoided'"
                + " AND subject_id = ?", Integer.class, lostCard)).isEqualTo(2); // the early refusal, the void

        // a replay (the same receipt's event again) changes nothing
        request(command);
        assertThat(column("status", lostCase)).isEqualTo("QUEUED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_void_card WHERE case_id = ?", Integer.class,
                lostCase)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionCardVoided'"
                + " AND subject_id = ?", Integer.class, lostCard)).isEqualTo(2);

        // the next plan makes the same case a new card, in a second round, which seals and is announced
        PlanView second = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(second.planNo(), second.version()));
        assertThat(column("status", lostCase)).isEqualTo("RELEASED");
        String newCard = column("card_no", lostCase);
        assertThat(newCard).isNotNull().isNotEqualTo(lostCard);
        assertThat(jdbc.queryForObject("SELECT sends FROM production_order WHERE case_id = ?", Integer.class,
                lostCase)).isEqualTo(2);
        String batch2 = column("batch_no", lostCase);
        produceAndSeal(batch2);
        assertThat(jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class, batch2))
                .isEqualTo("SEALED");
        assertThat(column("status", lostCase)).isEqualTo("COMPLETED");
        Eventually.await("round 2 announced", Duration.ofSeconds(20), () -> completions(lostCase).size() == 2
                ? completions(lostCase).get(1).get("STATUS") : null, "PUBLISHED"::equals);
        assertThat(completions(lostCase)).extracting(m -> m.get("CARD_NO")).containsExactly(lostCard, newCard);
    }
}
