package cn.healthcard.production;

import cn.healthcard.common.ServiceUnavailableException;
import cn.healthcard.production.internal.SubmissionSlots;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Review MED 4: a plan submission holds its connection and reads its residents in chunk transactions of their own (a
 * second connection). On a pool of N, N submitters must not dead-lock: {@link SubmissionSlots} lets at most N / 2 of
 * them run at once, and a waiting submission holds no connection. Shown on a real pool of 2 with the submission's
 * shape (outer transaction, then REQUIRES_NEW chunk reads).
 */
class SubmissionSlotsTest {

    private HikariDataSource pool;
    private TransactionTemplate submission;
    private TransactionTemplate chunk;
    private JdbcTemplate jdbc;

    @BeforeEach
    void pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:slots-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        pool = new HikariDataSource(config);
        JdbcTransactionManager transactions = new JdbcTransactionManager(pool);
        submission = new TransactionTemplate(transactions);
        chunk = new TransactionTemplate(transactions);
        chunk.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        jdbc = new JdbcTemplate(pool);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /** A submission's shape: its own transaction, then (once every submitter holds one) a chunk read of its own. */
    private Supplier<Integer> submitting(CyclicBarrier allHoldOne) {
        return () -> submission.execute(t -> {
            jdbc.queryForObject("SELECT 1", Integer.class);
            if (allHoldOne != null) {
                try {
                    allHoldOne.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return chunk.execute(c -> jdbc.queryForObject("SELECT 2", Integer.class));
        });
    }

    private List<Future<Integer>> run(int submitters, Supplier<Supplier<Integer>> each, SubmissionSlots slots) {
        ExecutorService threads = Executors.newFixedThreadPool(submitters);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < submitters; i++) {
                Supplier<Integer> one = each.get();
                done.add(threads.submit(() -> slots == null ? one.get() : slots.run(one)));
            }
            return done;
        } finally {
            threads.shutdown();
        }
    }

    @Test
    @DisplayName("APP-08 (review MED 4): without a bound, 2 submitters on a pool of 2 each hold a connection and wait for their chunk's second one until the pool times out — the dead-lock the slots prevent")
    void unboundedSubmittersExhaustThePool() {
        CyclicBarrier allHoldOne = new CyclicBarrier(2);
        List<Future<Integer>> done = run(2, () -> submitting(allHoldOne), null);
        int timedOut = 0;
        for (Future<Integer> f : done) {
            try {
                f.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e).hasStackTraceContaining("Connection is not available");
                timedOut++;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        // the first to time out rolls back and frees its connection, which the other may still get
        assertThat(timedOut).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("APP-08 (review MED 4): with the slots, N submitters on a pool of N (2 and 4 here) all complete — at most (N - 1) / 2 (at least one) run, each with its second connection, the others wait without holding one")
    void boundedSubmittersAllComplete() throws Exception {
        for (int n : new int[] {2, 4}) {
            pool.setMaximumPoolSize(n);
            SubmissionSlots slots = new SubmissionSlots(n, Duration.ofSeconds(30));
            assertThat(slots.permits()).isEqualTo(Math.max(1, (n - 1) / 2));
            List<Future<Integer>> done = run(n, () -> submitting(null), slots);
            for (Future<Integer> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("APP-08 (review MED 4): a pool of 1 is refused (a submission needs two connections); a submission that finds no slot within its wait is refused PRODUCTION_SUBMISSIONS_BUSY (503) and never took a connection")
    void noSlotIsRefusedWithoutAConnection() throws Exception {
        assertThatThrownBy(() -> new SubmissionSlots(1, Duration.ofMillis(200)))
                .isInstanceOf(IllegalArgumentException.class);
        SubmissionSlots slots = new SubmissionSlots(2, Duration.ofMillis(200));
        assertThat(slots.permits()).isEqualTo(1);
        CyclicBarrier inside = new CyclicBarrier(2);
        CyclicBarrier release = new CyclicBarrier(2);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holding = thread.submit(() -> slots.run(() -> {
                try {
                    inside.await(5, TimeUnit.SECONDS);
                    release.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return 1;
            }));
            inside.await(5, TimeUnit.SECONDS);
            int activeBefore = pool.getHikariPoolMXBean().getActiveConnections();
            assertThatThrownBy(() -> slots.run(submitting(null))).isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).code())
                            .isEqualTo(SubmissionSlots.BUSY));
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(activeBefore);
            release.await(5, TimeUnit.SECONDS);
            assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            thread.shutdown();
        }
    }

    @Test
    @DisplayName("APP-08 (review MED 4): ProductionPlans.submit and rerelease take their slot before their transaction: with no slot free both are refused 503 PRODUCTION_SUBMISSIONS_BUSY without beginning a transaction or touching a store")
    void theServiceUsesTheSlots() throws Exception {
        SubmissionSlots slots = new SubmissionSlots(2, Duration.ofMillis(100));
        org.springframework.transaction.PlatformTransactionManager transactions =
                org.mockito.Mockito.mock(org.springframework.transaction.PlatformTransactionManager.class);
        var store = org.mockito.Mockito.mock(cn.healthcard.production.internal.PlanStore.class);
        var orderStore = org.mockito.Mockito.mock(cn.healthcard.production.internal.OrderStore.class);
        var files = org.mockito.Mockito.mock(cn.healthcard.production.internal.BatchFiles.class);
        ProductionPlans service = new ProductionPlans(orderStore, store,
                org.mockito.Mockito.mock(cn.healthcard.production.internal.MakerDirectory.class), files,
                org.mockito.Mockito.mock(cn.healthcard.production.internal.ErrorStore.class),
                org.mockito.Mockito.mock(cn.healthcard.institution.InstitutionService.class),
                org.mockito.Mockito.mock(cn.healthcard.production.internal.ProductionSettings.class),
                org.mockito.Mockito.mock(cn.healthcard.common.DatabaseSequences.class),
                org.mockito.Mockito.mock(org.springframework.context.ApplicationEventPublisher.class),
                java.time.Clock.systemUTC(), slots, transactions);
        CyclicBarrier inside = new CyclicBarrier(2);
        CyclicBarrier release = new CyclicBarrier(2);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holding = thread.submit(() -> slots.run(() -> {
                try {
                    inside.await(5, TimeUnit.SECONDS);
                    release.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return 1;
            }));
            inside.await(5, TimeUnit.SECONDS);
            for (Runnable call : List.<Runnable>of(() -> service.submit("PLAN-1", 0),
                    () -> service.rerelease("BATCH-1"))) {
                assertThatThrownBy(call::run).isInstanceOf(ServiceUnavailableException.class)
                        .satisfies(e -> assertThat(((ServiceUnavailableException) e).code())
                                .isEqualTo(SubmissionSlots.BUSY));
            }
            org.mockito.Mockito.verifyNoInteractions(transactions, store, orderStore, files);
            release.await(5, TimeUnit.SECONDS);
            assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            thread.shutdown();
        }
    }
}
