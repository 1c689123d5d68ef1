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

import java.util.List;

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

    @Test
    @DisplayName("APP-09 PER-12: a card lost in transit is void for good and its case's order is queued for a new "
            + "production round; the next plan gives the case a new card number; a replayed request changes nothing")
    void lostCardIsVoidAndReordered() {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        PlanView first = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(first.planNo(), first.version()));
        String lostCase = cases.get(0);
        String keptCase = cases.get(1);
        String lostCard = column("card_no", lostCase);
        String keptCard = column("card_no", keptCase);
        assertThat(lostCard).isNotNull();
        assertThat(orders.isVoid(lostCard)).isFalse();

        ReplaceLostCards command = new ReplaceLostCards("SH-TEST-" + lostCard, "150102",
                List.of(new ReplaceLostCards.LostCard(lostCase, lostCard, "MISSING")));
        request(command);

        assertThat(orders.isVoid(lostCard)).isTrue();
        assertThat(column("status", lostCase)).isEqualTo("QUEUED");
        assertThat(column("card_no", lostCase)).isNull();
        assertThat(column("batch_no", lostCase)).isNull();
        assertThat(column("status", keptCase)).isEqualTo("RELEASED");
        assertThat(column("card_no", keptCase)).isEqualTo(keptCard);
        assertThat(jdbc.queryForMap("SELECT reason, reference, round_no FROM production_void_card WHERE card_no = ?",
                lostCard)).containsEntry("REASON", "MISSING").containsEntry("REFERENCE", command.reference())
                .containsEntry("ROUND_NO", 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionCardVoided'"
                + " AND subject_id = ?", Integer.class, lostCard)).isEqualTo(1);

        // a replay (the same receipt's event again) changes nothing
        request(command);
        assertThat(column("status", lostCase)).isEqualTo("QUEUED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_void_card WHERE case_id = ?", Integer.class,
                lostCase)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionCardVoided'"
                + " AND subject_id = ?", Integer.class, lostCard)).isEqualTo(1);

        // the next plan makes the same case a new card, in a second round
        PlanView second = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(second.planNo(), second.version()));
        assertThat(column("status", lostCase)).isEqualTo("RELEASED");
        assertThat(column("card_no", lostCase)).isNotNull().isNotEqualTo(lostCard);
        assertThat(jdbc.queryForObject("SELECT sends FROM production_order WHERE case_id = ?", Integer.class,
                lostCase)).isEqualTo(2);

        // a request naming a card the order no longer holds voids that number but does not queue the case again
        String newCard = column("card_no", lostCase);
        request(new ReplaceLostCards("SH-TEST-2-" + lostCard, "150102",
                List.of(new ReplaceLostCards.LostCard(lostCase, "150102999999999999", "DAMAGED"))));
        assertThat(column("status", lostCase)).isEqualTo("RELEASED");
        assertThat(column("card_no", lostCase)).isEqualTo(newCard);
    }
}
