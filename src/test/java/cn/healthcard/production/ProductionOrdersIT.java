package cn.healthcard.production;

import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Production orders: one per case, whatever calls it twice (BPM-04), routed per desk. */
@IntegrationTest
class ProductionOrdersIT {

    @Autowired ProductionOrders orders;
    @Autowired JdbcTemplate jdbc;

    private String order(String caseId, String desk) {
        return SecurityContextUsers.runAsSystem(() -> orders.requestCardProduction(
                new ProductionRequest(caseId, "R-" + caseId, "460100", desk)));
    }

    private int rows(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM production_order WHERE case_id = ?", Integer.class, caseId);
    }

    @Test
    @DisplayName("BPM-04: a retried production job for an instant desk calls the maker once and answers the same order; "
            + "the maker's answer is persisted with the order and announced by the retried job (a restart loses nothing)")
    void instantOrderIsIdempotent() {
        String caseId = "PO-" + UUID.randomUUID();
        String first = order(caseId, "PX-INSTANT");
        String second = order(caseId, "PX-INSTANT");

        assertThat(first).startsWith("SIM-");
        assertThat(second).isEqualTo(first);
        assertThat(rows(caseId)).isEqualTo(1);
        assertThat(ofCase(caseId)).get().satisfies(o -> {
            assertThat(o.route()).isEqualTo(ProductionRoute.INSTANT);
            assertThat(o.status()).isIn("REQUESTED", "COMPLETED");
        });
        // one maker call: one persisted answer, in the database from the ordering commit on, not in memory
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_completion WHERE case_id = ? AND batch_no IS NULL"
                + " AND production_ref = ?", Integer.class, caseId, first)).isEqualTo(1);
        cn.healthcard.support.Eventually.await("instant answer announced", java.time.Duration.ofSeconds(20),
                () -> jdbc.queryForObject("SELECT status FROM production_completion WHERE case_id = ?", String.class,
                        caseId), "PUBLISHED"::equals);
        assertThat(ofCase(caseId)).get().satisfies(o -> assertThat(o.status()).isEqualTo("COMPLETED"));
    }

    private java.util.Optional<ProductionOrders.OrderView> ofCase(String caseId) {
        return SecurityContextUsers.runAsSystem(() -> orders.ofCase(caseId));
    }

    @Test
    @DisplayName("BPM-04: a batch desk's order is queued for a plan, and a second call makes no second order")
    void batchOrderIsQueuedOnce() {
        String caseId = "PO-" + UUID.randomUUID();
        // a batch desk (healthcard.production.batch-desks); region 460100 is planned by no test
        String first = order(caseId, ProductionFixture.DESK);
        String second = order(caseId, ProductionFixture.DESK);

        assertThat(second).isEqualTo(first);
        assertThat(rows(caseId)).isEqualTo(1);
        assertThat(ofCase(caseId)).get().satisfies(o -> {
            assertThat(o.route()).isEqualTo(ProductionRoute.BATCH);
            assertThat(o.status()).isEqualTo("QUEUED");
        });
    }

    @Test
    @DisplayName("BPM-04: two jobs of one case at the same moment (an expired lock) make one order and one maker call")
    void concurrentJobsMakeOneOrder() throws Exception {
        String caseId = "PO-" + UUID.randomUUID();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<String> job = () -> {
                start.await();
                return order(caseId, "PX-INSTANT");
            };
            List<Future<String>> runs = List.of(pool.submit(job), pool.submit(job));
            List<String> refs = new ArrayList<>();
            for (Future<String> run : runs) {
                try {
                    refs.add(run.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // the loser rolls back and is retried by the engine; its retry finds the order
                    assertThat(e.getCause()).isInstanceOf(CardProductionException.class);
                }
            }
            assertThat(refs).isNotEmpty();
            String retried = order(caseId, "PX-INSTANT");
            assertThat(refs).allMatch(retried::equals);
            assertThat(rows(caseId)).isEqualTo(1);
            // one maker call: one persisted answer
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_completion WHERE case_id = ?",
                    Integer.class, caseId)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
