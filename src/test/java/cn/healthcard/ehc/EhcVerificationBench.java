package cn.healthcard.ehc;

import cn.healthcard.common.AuditableEvent;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A rough measurement of the verification path (decision 013, docs/performance.md), not a test: run it by name,
 * {@code mvn -o test -Dtest=EhcVerificationBench -Dsurefire.failIfNoSpecifiedTests=false}. In-process (no HTTP), on the
 * test context's in-memory H2; prints verifications per second with 1 and 4 threads, next to the audit append alone
 * (the hash chain locks its head row, so audited writes are serialised) and the account read alone.
 */
@IntegrationTest
class EhcVerificationBench {

    private static final int WARM_UP = 500;
    private static final int N = 3000;

    @Autowired EhcVerificationService verifications;
    @Autowired EhcAccountService accounts;
    @Autowired EhcAccountRepository repository;
    @Autowired TerminalService terminals;
    @Autowired InstitutionService institutions;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;
    @Autowired TestUsers users;

    record Noise(int n) implements AuditableEvent {
        public String subjectType() {
            return "Bench";
        }

        public String subjectId() {
            return String.valueOf(n);
        }

        public String regionCode() {
            return "110105";
        }

        public String detail() {
            return "bench";
        }
    }

    @Test
    @DisplayName("bench: verifications per second (1 and 4 threads) against the audit append and the account read alone")
    void bench() throws Exception {
        String terminal = EhcTestSupport.terminal(terminals, institutions, users, "BENCH-01");
        String ehcId = users.as("platform", () -> accounts.register(new EhcRegistration(new DocumentRef("01",
                TestResidents.newResident("压测").documentNumber()), "压测", null, null, null, EhcChannel.APP, "BENCH")))
                .account().ehcId();
        String code = ehcId + ":1";
        IntConsumer verify = i -> users.as("platform", () -> verifications.verify(
                new VerificationRequest(code, terminal, null)));
        TransactionTemplate tx = new TransactionTemplate(transactions);
        IntConsumer audit = i -> users.run("platform", () -> tx.executeWithoutResult(s -> events.publishEvent(
                new Noise(i))));
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        IntConsumer read = i -> readOnly.executeWithoutResult(s -> repository.findById(ehcId).orElseThrow());

        List<String> lines = new ArrayList<>();
        lines.add(measure("account read by primary key (read-only transaction)", read, 1));
        lines.add(measure("audit append alone (one entry per transaction)", audit, 1));
        lines.add(measure("audit append alone", audit, 4));
        lines.add(measure("verification, whole path", verify, 1));
        lines.add(measure("verification, whole path", verify, 4));
        String report = String.join(System.lineSeparator(), lines);
        System.out.println("EHC verification bench (" + Runtime.getRuntime().availableProcessors() + " cores, H2 in "
                + "memory, in-process):" + System.lineSeparator() + report);
        Files.writeString(Path.of("target/ehc-verification-bench.txt"), report + System.lineSeparator());
    }

    private static String measure(String what, IntConsumer action, int threads) throws Exception {
        run(action, threads, WARM_UP);
        long start = System.nanoTime();
        run(action, threads, N);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("%-55s %d thread(s): %6.0f /s (%d in %.2f s)", what, threads, N / seconds, N, seconds);
    }

    private static void run(IntConsumer action, int threads, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < n; i += threads) {
                        action.accept(i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
