package cn.healthcard.production;

import cn.healthcard.common.ConflictException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan submission racing on PostgreSQL (APP-08): the row lock and the version let exactly one submission through. */
@PostgresIntegrationTest
class PostgresProductionPlanIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired CryptoDevice device;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    @DisplayName("APP-08: on PostgreSQL two supervisors submit one plan at once: one wins, the other gets 409, one set of "
            + "batches, every order released once")
    void concurrentSubmission() throws Exception {
        ProductionFixture.ensure(context);
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 4);
        PlanView draft = users.as("pxsup", () -> plans.generate());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PlanView>> runs = new ArrayList<>();
            for (String who : List.of("pxsup", "pxsup2")) {
                Callable<PlanView> submit = () -> {
                    start.await();
                    return users.as(who, () -> plans.submit(draft.planNo(), draft.version()));
                };
                runs.add(pool.submit(submit));
            }
            int won = 0;
            int conflicts = 0;
            for (Future<PlanView> run : runs) {
                try {
                    assertThat(run.get().status()).isEqualTo("SUBMITTED");
                    won++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    assertThat(((ConflictException) e.getCause()).code()).isEqualTo(ProductionPlans.PLAN_CHANGED);
                    conflicts++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(conflicts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT SUM(b.card_count) FROM production_batch b JOIN production_plan p"
                + " ON p.id = b.plan_id WHERE p.plan_no = ?", Integer.class, draft.planNo()))
                .isEqualTo(draft.cardCount());
        for (String c : cases) {
            assertThat(jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, c))
                    .isEqualTo("RELEASED");
            assertThat(jdbc.queryForObject("SELECT sends FROM production_order WHERE case_id = ?", Integer.class, c))
                    .isEqualTo(1);
        }
    }
}
