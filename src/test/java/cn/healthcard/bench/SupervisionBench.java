package cn.healthcard.bench;

import cn.healthcard.HealthCardApplication;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.support.InboxTasks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every supervision screen's query and the home dashboard on a PostgreSQL database holding {@code N} cards (issue
 * #16, docs/performance.md §11; target: screens p95 &lt; 1 s, dashboard &lt; 300 ms): as supervisors at national,
 * province (34) and city (3401) level, for the last 30 days by day and the whole year by month, first with the
 * statistics read from the source tables ({@code healthcard.statistics.source=plain}) and then from the rollups
 * ({@code rollup}), each in an application of its own on the same data.
 * <p>
 * Data: {@link SupervisionDataGenerator} writes the source tables after the migrations up to
 * {@code -Dhealthcard.bench.flyway-target} (37), so that the later ones — the rollups' backfill (V38) — run over them
 * when the application starts; then the engine's history and 20 000 open tasks ({@link InboxTasks}). Not a test (the
 * name matches no surefire include): {@code bin/bench-supervision} runs it.
 * <p>
 * Options: {@code -Dhealthcard.bench.cards} (1000000), {@code .runs} (20 timed runs per cell), {@code .warmup} (3),
 * {@code .sources} (plain,rollup), {@code .tasks} (20000), {@code .cell-seconds} (60: a cell stops its timed runs
 * after this long and says how many it made), {@code .jdbc}/{@code .user}/{@code .password} (a PostgreSQL server of
 * your own, emptied first; default: an embedded server with its data under {@code target/bench/supervision-pg}).
 */
public final class SupervisionBench {

    record Cell(String screen, Function<StatisticsFilter, Object> query) {
    }

    record Who(String label, CurrentUser user) {
    }

    private final int runs;
    private final int warmup;
    private final double cellSeconds;

    private SupervisionBench(int runs, int warmup, double cellSeconds) {
        this.runs = runs;
        this.warmup = warmup;
        this.cellSeconds = cellSeconds;
    }

    public static void main(String[] args) throws Exception {
        int cards = Integer.getInteger("healthcard.bench.cards", 1_000_000);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--cards")) {
                cards = Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
            }
        }
        int runs = Integer.getInteger("healthcard.bench.runs", 20);
        int warmup = Integer.getInteger("healthcard.bench.warmup", 3);
        int tasks = Integer.getInteger("healthcard.bench.tasks", 20_000);
        double cellSeconds = Double.parseDouble(System.getProperty("healthcard.bench.cell-seconds", "60"));
        List<String> sources = Arrays.stream(System.getProperty("healthcard.bench.sources", "plain,rollup")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String target = System.getProperty("healthcard.bench.flyway-target", "37");

        String url = System.getProperty("healthcard.bench.jdbc");
        String user = System.getProperty("healthcard.bench.user", "postgres");
        String password = System.getProperty("healthcard.bench.password", "postgres");
        EmbeddedPostgres server = null;
        if (url == null) {
            Path data = Path.of("target/bench/supervision-pg").toAbsolutePath();
            if (Files.exists(data)) {
                try (var old = Files.walk(data)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(data.getParent());
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                    .setServerConfig("shared_buffers", System.getProperty("healthcard.bench.shared-buffers", "512MB"))
                    .setServerConfig("work_mem", "64MB").setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off").start();
            url = server.getJdbcUrl("postgres", "postgres");
        }
        System.out.printf(Locale.ROOT, "SupervisionBench: %,d cards, %d+%d runs per cell, sources %s, database %s%n",
                cards, warmup, runs, sources, url);
        try {
            DriverManagerDataSource db = new DriverManagerDataSource(url, user, password);
            JdbcTemplate jdbc = new JdbcTemplate(db);
            jdbc.execute("DROP SCHEMA public CASCADE");
            jdbc.execute("CREATE SCHEMA public");
            long t0 = System.nanoTime();
            Flyway.configure().dataSource(db).locations("classpath:db/migration/common").target(target).load()
                    .migrate();
            System.out.printf(Locale.ROOT, "migrations up to V%s: %.1f s%n", target, (System.nanoTime() - t0) / 1e9);
            LocalDate today = LocalDate.now(ChinaTime.ZONE);
            SupervisionDataGenerator generator = new SupervisionDataGenerator(jdbc, System.out, today);
            long g0 = System.nanoTime();
            System.out.println("generating the source tables:");
            generator.sources(cards);
            double generated = (System.nanoTime() - g0) / 1e9;
            System.out.printf(Locale.ROOT, "source tables written in %.1f s; database %s%n", generated,
                    generator.size());

            SupervisionBench bench = new SupervisionBench(runs, warmup, cellSeconds);
            boolean first = true;
            for (String source : sources) {
                long a0 = System.nanoTime();
                ConfigurableApplicationContext context = start(url, user, password, source);
                System.out.printf(Locale.ROOT, "%napplication (statistics source %s) started in %.1f s%s%n", source,
                        (System.nanoTime() - a0) / 1e9, first ? " (the later migrations, with the rollups' backfill,"
                                + " ran over the data)" : "");
                try {
                    if (first) {
                        long h0 = System.nanoTime();
                        generator.history(cards);
                        // the history was written after the start's fold: the assessment's days are folded again
                        long f0 = System.nanoTime();
                        int days = cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> context.getBean(
                                cn.healthcard.supervision.internal.StatRollup.class).rebuildAssessment());
                        System.out.printf(Locale.ROOT, "  assessment days folded (decision 040): %d in %.1f s%n",
                                days, (System.nanoTime() - f0) / 1e9);
                        generator.personalData(context.getBean(cn.healthcard.crypto.PersonalDataProtector.class),
                                cards);
                        InboxTasks inbox = new InboxTasks(context.getBean(RepositoryService.class),
                                context.getBean(RuntimeService.class), jdbc);
                        inbox.deploy();
                        String template = inbox.start("BENCH-0", "340102", "欧**岚", "name-key doc-key");
                        String[] counties = {"340102", "340203", "370304", "370405", "340506"};
                        inbox.copy(template, "sb-", tasks - 1, i -> counties[i % counties.length]);
                        // half of them assigned to a desk's clerk and five days old (overdue after the default P2D)
                        jdbc.update("UPDATE ACT_RU_TASK SET CREATE_TIME_ = CREATE_TIME_ - INTERVAL '5' DAY,"
                                + " ASSIGNEE_ = 'benchclerk' || MOD(LENGTH(ID_) * 31 + ASCII(RIGHT(ID_, 1)), 400)"
                                + " WHERE ID_ LIKE 'sb-%' AND MOD(ASCII(RIGHT(ID_, 1)), 2) = 0");
                        generator.analyze();
                        System.out.printf(Locale.ROOT, "history and %,d open tasks in %.1f s; database %s%n", tasks,
                                (System.nanoTime() - h0) / 1e9, generator.size());
                        first = false;
                    }
                    bench.measure(source, context.getBean(SupervisionStatistics.class), today);
                } finally {
                    context.close();
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(String url, String user, String password, String source)
            throws IOException {
        Files.createDirectories(Path.of("target/bench"));
        return SpringApplication.run(HealthCardApplication.class,
                "--server.port=0",
                "--spring.profiles.active=demo",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--healthcard.statistics.source=" + source,
                "--healthcard.production.simulator.answer-delay=PT0.2S",
                "--healthcard.elasticsearch.url=http://127.0.0.1:9",
                "--healthcard.elasticsearch.projection.fixed-delay=3650d",
                "--camunda.bpm.job-execution.enabled=false",
                "--healthcard.crypto.device.keystore=target/bench/supervision-" + System.nanoTime() + ".keystore");
    }

    private void measure(String source, SupervisionStatistics statistics, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        Map<String, StatisticsFilter> filters = new LinkedHashMap<>();
        filters.put("30 d by day", StatisticsFilter.of(yesterday.minusDays(29), yesterday));
        filters.put("365 d by month", StatisticsFilter.of(yesterday.minusDays(364), yesterday)
                .withGranularity(Granularity.MONTH).withCompare(true));
        List<Cell> cells = List.of(
                new Cell("SUP-01 production", statistics::production),
                new Cell("SUP-02 issuing", statistics::issuing),
                new Cell("SUP-02 series applied", f -> statistics.series(Measure.APPLIED, f)),
                // the case list's contract (decision 039): a count capped at 10,000, then the first page
                new Cell("SUP-02 cases signed (capped count + page 1)", f -> List.of(
                        statistics.countCasesCapped(Measure.SIGNED, f),
                        statistics.cases(Measure.SIGNED, f, 0, 50))),
                new Cell("SUP-03 usage", statistics::usage),
                new Cell("SUP-03 series card uses", f -> statistics.series(Measure.CARD_USES, f)),
                new Cell("SUP-04 assessment", statistics::assessment),
                new Cell("STAT-01 overview", statistics::overview),
                new Cell("APP-04 application categories", statistics::applicationCategories));
        List<Who> who = List.of(
                new Who("national", supervisor("bench-nation", "NHC-000000", "000000")),
                new Who("province 34", supervisor("bench-province", "BC-340000", "340000")),
                new Who("city 3401", supervisor("bench-city", "BC-340100", "340100")));
        System.out.printf(Locale.ROOT, "%nsource %s: %d untimed + %d timed runs per cell (a cell stops after %.0f s);"
                + " ms%n", source, warmup, runs, cellSeconds);
        System.out.println("| source | filter | query | caller | rows | p50 | p95 | max | runs |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|");
        for (var filter : filters.entrySet()) {
            for (Cell cell : cells) {
                for (Who w : who) {
                    row(source, filter.getKey(), cell.screen(), w, () -> cell.query().apply(filter.getValue()));
                }
            }
        }
        for (Who w : who) {
            row(source, "today", "dashboard", w, statistics::dashboard);
        }
    }

    private void row(String source, String filter, String screen, Who who, java.util.function.Supplier<Object> call) {
        as(who.user());
        try {
            Object result = null;
            for (int i = 0; i < warmup; i++) {
                result = call.get();
            }
            List<Double> ms = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                result = call.get();
                ms.add((System.nanoTime() - t0) / 1e6);
                if ((System.nanoTime() - started) / 1e9 > cellSeconds) {
                    break;
                }
            }
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %d |%n", source, filter,
                    screen, who.label(), size(result), percentile(sorted, 50), percentile(sorted, 95),
                    sorted[sorted.length - 1], sorted.length);
        } catch (RuntimeException e) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | failed: %s | | | | |%n", source, filter, screen,
                    who.label(), e.toString().replace('|', '/'));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String size(Object result) {
        if (result instanceof Collection<?> c) {
            if (c.size() == 2 && c.iterator().next() instanceof Long total) {
                return String.format(Locale.ROOT, "%,d", total);
            }
            return String.format(Locale.ROOT, "%,d", c.size());
        }
        return "1";
    }

    private static CurrentUser supervisor(String username, String institution, String region) {
        return new CurrentUser(username, username, institution, RegionCode.of(region), Set.of(Role.SUPERVISOR));
    }

    private static void as(CurrentUser user) {
        SecurityContextUsers.HasCurrentUser principal = () -> user;
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null,
                List.of(new SimpleGrantedAuthority(Role.SUPERVISOR.authority()))));
        SecurityContextHolder.setContext(context);
    }
}
