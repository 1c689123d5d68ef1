package cn.healthcard.audit;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Card applications per second with 1, 2 and 4 callers on the test database (docs/performance.md §4, issue #10 defect
 * 8). Not part of the suite (no Test/IT suffix): {@code mvn test -Dtest=CardApplicationAuditBench}. Seconds per
 * caller count: {@code -Dbench.seconds=15}.
 */
@IntegrationTest
class CardApplicationAuditBench {

    @Autowired CardApplicationService applications;
    @Autowired TestUsers users;

    @Test
    void applicationsPerSecond() throws Exception {
        long seconds = Long.getLong("bench.seconds", 15);
        run(1, 3); // warm-up
        List<String> lines = new ArrayList<>();
        for (int callers : new int[]{1, 2, 4}) {
            long start = System.nanoTime();
            long done = run(callers, seconds);
            double took = (System.nanoTime() - start) / 1e9;
            lines.add(String.format("BENCH callers=%d applications=%d seconds=%.1f per-second=%.1f", callers, done,
                    took, done / took));
        }
        lines.forEach(System.out::println);
    }

    private long run(int callers, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        for (int c = 0; c < callers; c++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    users.as("clerk", () -> applications.submit(TestResidents.newResident("压测")));
                    done.incrementAndGet();
                }
            }, threads));
        }
        for (CompletableFuture<Void> w : workers) {
            w.get();
        }
        threads.shutdown();
        return done.get();
    }
}
