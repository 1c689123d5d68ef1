package cn.healthcard.bench;

import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.HealthCardApplication;
import cn.healthcard.audit.internal.AuditBatchWriter;
import cn.healthcard.audit.internal.AuditChain;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.EhcAccountService;
import cn.healthcard.ehc.EhcChannel;
import cn.healthcard.ehc.EhcRegistration;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.ehc.EhcVerificationService;
import cn.healthcard.ehc.Scene;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.VerificationRequest;
import cn.healthcard.ehc.VerificationResult;
import cn.healthcard.ehc.internal.EhcAccount;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.ehc.internal.VerifiableAccounts;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.support.TestResidents;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.support.TestUsers;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * JMH benchmark of dynamic-QR verification end to end (EHC-05, decision 016) against the raw BouncyCastle SM4 and SM3
 * throughput of the same machine in the same run. Not a test (no surefire include matches); run with
 * {@code bin/bench-ehc}, which calls {@link #main}. Every benchmark that needs the application starts it once per
 * trial (own JVM fork): in-memory H2, no web server, no Elasticsearch (the projection is not part of the path), the
 * demo users, and the audit batch writer running, so its cost is included. Lines:
 * <ul>
 * <li>{@code rawSm4DecryptBlock}: BouncyCastle {@code SM4Engine}, one 16-byte block, ECB decrypt (what the dynamic
 * code's validity costs in raw cipher);</li>
 * <li>{@code rawSm3AuditEntry}: BouncyCastle {@code SM3Digest} of a verification's audit hash input (previous hash +
 * canonical text, 245 bytes), the hash each entry adds to the chain;</li>
 * <li>{@code decryptValidity}: {@link EhcIdAlgorithm#decryptValidity} through the crypto device (key lookup, hex,
 * checks);</li>
 * <li>{@code accountReadJdbc} / {@code accountReadJpa}: the e-card account by primary key as the path reads it (plain
 * JDBC, no transaction) against the JPA entity in a read-only transaction (how it read it before);</li>
 * <li>{@code verifyDynamicQr}: {@link EhcVerificationService#verify} of a fresh dynamic code in the record-query scene
 * (dynamic code required, repeatable; a settlement code is single-use and adds one insert per accepted code):
 * security check, terminal (cached), parse, account read, decrypt, checks, audit entry queued for the batch writer,
 * counter. With {@code waitForCommit=true} each call also waits for its batch to commit (group commit).</li>
 * </ul>
 * At the end of each verification trial the writer is flushed and the whole chain walked: it must be intact. The
 * benchmarks on the application also print the process's CPU time per call after each iteration (all threads: the
 * writer, GC and JIT included), which does not depend on what else runs on the machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class EhcVerificationBenchmark {

    private static final int ACCOUNTS = 200;
    private static final String TERMINAL = "BENCH-TERMINAL-01";

    /** Raw BouncyCastle, one engine per thread (not thread-safe). */
    @State(Scope.Thread)
    public static class Raw {
        final SM4Engine sm4 = new SM4Engine();
        final SM3Digest sm3 = new SM3Digest();
        final byte[] block = HexFormat.of().parseHex("9C2A8E6F3B1D0A5E7C4B2F1E0D9A8B7C");
        final byte[] plain = new byte[16];
        final byte[] digest = new byte[32];
        /** prev_hash + canonical text of a typical EhcVerified entry (as {@code AuditChain} hashes it). */
        final byte[] auditInput = ("5D2B".repeat(16) + "7:1048576|24:2026-12-02T03:04:05.678Z|11:EhcVerified|"
                + "8:platform|9:BJ-110105|6:110105|11:EhcTerminal|17:BENCH-TERMINAL-01|3:API|"
                + "84:VERIFIED SETTLEMENT 主索引 ABD17E7ED399EF68AB5660155D6E226D2C92EAC3254A4A66BED83AED0ADA1E9E|-|"
                + "36:7a1f3c2e-0b4d-4e8f-9a6b-1c2d3e4f5a6b|-").getBytes(StandardCharsets.UTF_8);

        @Setup(Level.Trial)
        public void init() {
            sm4.init(false, new KeyParameter(HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210")));
        }
    }

    /** The application, started once per trial, with e-card accounts and a registered terminal. */
    @State(Scope.Benchmark)
    public static class App {

        /** Group commit: callers wait until their audit entry is committed. */
        @Param({"false"})
        public String waitForCommit;

        ConfigurableApplicationContext context;
        EhcVerificationService verifications;
        EhcIdAlgorithm ehcIds;
        VerifiableAccounts verifiableAccounts;
        EhcAccountRepository accountRepository;
        TransactionTemplate readOnly;
        Authentication caller;
        final List<String> ehcIds0 = new ArrayList<>();
        final List<String> dynamicCodes = new ArrayList<>();
        String validity;
        String region;
        String masterIndexId;
        /** Calls in this iteration and the process's CPU time at its start: CPU per call, whatever the load. */
        final LongAdder calls = new LongAdder();
        long cpuAtStart;

        @Setup(Level.Iteration)
        public void startCpuClock() {
            calls.reset();
            cpuAtStart = processCpuNanos();
        }

        @TearDown(Level.Iteration)
        public void reportCpu() {
            long n = calls.sum();
            if (n > 0) {
                System.out.printf(Locale.ROOT, " [process CPU per call %.1f µs, all threads]",
                        (processCpuNanos() - cpuAtStart) / 1e3 / n);
            }
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        @Setup(Level.Trial)
        public void start() {
            context = SpringApplication.run(HealthCardApplication.class,
                    "--spring.profiles.active=demo",
                    "--spring.main.web-application-type=none",
                    "--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                            + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
                            + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                    "--camunda.bpm.job-execution.enabled=false",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN",
                    "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                    // no Elasticsearch: the projection is not part of the verification path and never runs here
                    "--healthcard.elasticsearch.url=http://127.0.0.1:9",
                    "--healthcard.elasticsearch.projection.fixed-delay=3650d",
                    "--healthcard.crypto.device.keystore=target/bench/ehc-" + System.nanoTime() + ".keystore",
                    "--healthcard.audit.batch.wait-for-commit=" + waitForCommit);
            verifications = context.getBean(EhcVerificationService.class);
            ehcIds = context.getBean(EhcIdAlgorithm.class);
            verifiableAccounts = context.getBean(VerifiableAccounts.class);
            accountRepository = context.getBean(EhcAccountRepository.class);
            readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            readOnly.setReadOnly(true);
            TestUsers users = new TestUsers(context.getBean(UserDetailsService.class),
                    context.getBean(ApiClientAdministration.class));
            caller = users.authentication("platform");
            EhcTestSupport.terminal(context.getBean(TerminalService.class), context.getBean(InstitutionService.class),
                    users, TERMINAL);
            EhcAccountService accounts = context.getBean(EhcAccountService.class);
            LocalDateTime expiry = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusMinutes(30);
            for (int i = 0; i < ACCOUNTS; i++) {
                EhcAccountView account = users.as("platform", () -> accounts.register(new EhcRegistration(
                        new DocumentRef("01", TestResidents.idNumber(LocalDate.of(1985, 6, 1), "1")), "压测", null, null,
                        null, EhcChannel.APP, "BENCH"))).account();
                region = account.regionCode();
                masterIndexId = account.masterIndexId();
                ehcIds0.add(account.ehcId());
                dynamicCodes.add(account.ehcId() + ":0:" + ehcIds.encryptValidity(region, account.masterIndexId(),
                        expiry));
            }
            validity = ehcIds.encryptValidity(region, masterIndexId, expiry);
            VerificationResult probe = users.as("platform", () -> verifications.verify(
                    new VerificationRequest(dynamicCodes.get(0), TERMINAL, Scene.RECORD_QUERY)));
            if (!probe.verified()) {
                throw new IllegalStateException("The bench's code does not verify: " + probe);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            context.getBean(AuditBatchWriter.class).flush();
            AuditChain.Walk walk = context.getBean(AuditChain.class).walk();
            System.out.printf("%naudit chain after the trial: %d entries, %s%n", walk.checked(),
                    walk.firstBroken() == null ? "intact" : "BROKEN at " + walk.firstBroken());
            context.close();
            if (walk.firstBroken() != null) {
                throw new IllegalStateException("audit chain broken at " + walk.firstBroken());
            }
        }
    }

    /** A benchmark thread signed in as the terminal platform's API user, with its own walk through the codes. */
    @State(Scope.Thread)
    public static class Caller {
        int next;

        @Setup(Level.Trial)
        public void signIn(App app) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(app.caller);
            SecurityContextHolder.setContext(context);
            next = (int) (Thread.currentThread().getId() * 31 % ACCOUNTS);
        }

        int next() {
            next = next + 1 == ACCOUNTS ? 0 : next + 1;
            return next;
        }
    }

    @Benchmark
    public byte[] rawSm4DecryptBlock(Raw raw) {
        raw.sm4.processBlock(raw.block, 0, raw.plain, 0);
        return raw.plain;
    }

    @Benchmark
    public byte[] rawSm3AuditEntry(Raw raw) {
        raw.sm3.update(raw.auditInput, 0, raw.auditInput.length);
        raw.sm3.doFinal(raw.digest, 0);
        return raw.digest;
    }

    @Benchmark
    public LocalDateTime decryptValidity(App app) {
        app.calls.increment();
        return app.ehcIds.decryptValidity(app.region, app.masterIndexId, app.validity);
    }

    @Benchmark
    public Object accountReadJdbc(App app, Caller caller) {
        app.calls.increment();
        return app.verifiableAccounts.find(app.ehcIds0.get(caller.next())).orElseThrow();
    }

    @Benchmark
    public EhcAccount accountReadJpa(App app, Caller caller) {
        app.calls.increment();
        String ehcId = app.ehcIds0.get(caller.next());
        return app.readOnly.execute(s -> app.accountRepository.findById(ehcId).orElseThrow());
    }

    @Benchmark
    public VerificationResult verifyDynamicQr(App app, Caller caller) {
        app.calls.increment();
        // RECORD_QUERY: a scene that needs a dynamic code and lets it repeat (the hot path); a SETTLEMENT code is
        // accepted once, so the same codes could not be verified there again (issue #10)
        return app.verifications.verify(new VerificationRequest(app.dynamicCodes.get(caller.next()), TERMINAL,
                Scene.RECORD_QUERY));
    }

    /**
     * Runs the benchmarks (an argument narrows them to those whose method name matches it as a regular expression):
     * everything with 1 thread; the verification with 2 threads; with group commit at 2 and 64 threads (not when the
     * environment has {@code BENCH_GROUP_COMMIT=false}). Writes JMH's
     * JSON to {@code target/bench/ehc-bench.json} and a table to {@code target/bench/ehc-bench-results.txt}.
     */
    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : ".*";
        Files.createDirectories(Path.of("target/bench"));
        List<RunResult> results = new ArrayList<>();
        results.addAll(run(only, 1, "false", "rawSm4DecryptBlock", "rawSm3AuditEntry", "decryptValidity",
                "accountReadJdbc", "accountReadJpa", "verifyDynamicQr"));
        results.addAll(run(only, 2, "false", "verifyDynamicQr"));
        if (!"false".equals(System.getenv("BENCH_GROUP_COMMIT"))) {
            results.addAll(run(only, 2, "true", "verifyDynamicQr"));
            results.addAll(run(only, 64, "true", "verifyDynamicQr"));
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-22s %7s %14s %14s %12s%n",
                "benchmark", "threads", "waitForCommit", "ops/s", "± (99.9 %)"));
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String wait = r.getParams().getParamsKeys().contains("waitForCommit")
                    ? r.getParams().getParam("waitForCommit") : "";
            table.append(String.format(Locale.ROOT, "%-22s %7d %14s %,14.0f %,12.0f%n", name,
                    r.getParams().getThreads(), wait, score.getScore(), score.getScoreError()));
        }
        System.out.println();
        System.out.print(table);
        Files.writeString(Path.of("target/bench/ehc-bench-results.txt"), table);
    }

    private static Collection<RunResult> run(String only, int threads, String waitForCommit, String... methods)
            throws Exception {
        List<String> selected = List.of(methods).stream().filter(m -> m.matches(only)).toList();
        if (selected.isEmpty()) {
            return List.of();
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .threads(threads)
                .param("waitForCommit", waitForCommit)
                .result("target/bench/ehc-bench-" + threads + "-" + waitForCommit + ".json")
                .resultFormat(ResultFormatType.JSON);
        selected.forEach(m -> options.include(EhcVerificationBenchmark.class.getName() + "\\." + m + "$"));
        return new Runner(options.build()).run();
    }
}
