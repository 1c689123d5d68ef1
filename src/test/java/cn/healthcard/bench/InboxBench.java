package cn.healthcard.bench;

import cn.healthcard.HealthCardApplication;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.InboxTasks;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The first page of the task inbox at 1,000 / 10,000 / 100,000 open review tasks (issue #11, docs/performance.md §5):
 * the server time of what the inbox view asks for when it opens, for the Chaoyang supervisor who sees all of them, and
 * for a Shanghai supervisor who sees none. Before and after in the same JVM on the same data, one right after the
 * other: "before" is the inbox as it was (the engine's task query with {@code processVariableValueLike(regionCode)},
 * the count that the grid asked for on every view, one {@code getVariable(applicantName)} per row and a query for
 * the business keys — kept here verbatim as {@link #legacyFirstView}); "after" is {@link TaskInboxService#find} (the
 * native query over the inbox index, no count) and, separately, the count that the view now runs only when asked.
 *
 * <p>Tasks: one instance of the sample process started through the engine (so its task is indexed by the plug-in),
 * the rest copied straight into the runtime tables and the index ({@link InboxTasks}). Not a test (the name matches
 * no surefire include): {@code bin/bench-inbox} runs it. It starts the application in this JVM (demo profile,
 * in-memory H2 without its query cache — which would otherwise answer a repeated query from the last result while
 * no table changed, never the case on a working system —, or with {@code -Dhealthcard.bench.db=postgres} an embedded
 * PostgreSQL server; no Elasticsearch, no job executor).
 * Options: {@code -Dhealthcard.bench.sizes} (1000,10000,100000), {@code .runs} (timed runs per measurement, 7;
 * median and max reported), {@code .warmup} (untimed runs first, 3), {@code .page} (50, the grid's page size).
 */
public final class InboxBench {

    private static final String PREFIX = "ib-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final TaskInboxService inbox;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TestUsers users;
    private final int runs;
    private final int warmup;
    private final int page;

    private InboxBench(ConfigurableApplicationContext context, int runs, int warmup, int page) {
        this.inbox = context.getBean(TaskInboxService.class);
        this.tasks = context.getBean(TaskService.class);
        this.runtime = context.getBean(RuntimeService.class);
        this.users = new TestUsers(context.getBean(UserDetailsService.class),
                context.getBean(ApiClientAdministration.class));
        this.runs = runs;
        this.warmup = warmup;
        this.page = page;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("healthcard.bench.sizes", "1000,10000,100000")
                .split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
        int runs = Integer.getInteger("healthcard.bench.runs", 7);
        int warmup = Integer.getInteger("healthcard.bench.warmup", 3);
        int page = Integer.getInteger("healthcard.bench.page", 50);
        boolean postgres = "postgres".equals(System.getProperty("healthcard.bench.db", "h2"));

        EmbeddedPostgres server = postgres ? EmbeddedPostgres.builder().start() : null;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.profiles.active=demo",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--healthcard.production.simulator.answer-delay=PT0.2S",
                "--healthcard.elasticsearch.url=http://127.0.0.1:9",
                "--healthcard.elasticsearch.projection.fixed-delay=3650d",
                "--camunda.bpm.job-execution.enabled=false",
                "--healthcard.crypto.device.keystore=target/bench/inbox-" + System.nanoTime() + ".keystore"));
        if (server != null) {
            arguments.add("--spring.datasource.url=" + server.getJdbcUrl("postgres", "postgres"));
            arguments.add("--spring.datasource.username=postgres");
            arguments.add("--spring.datasource.password=postgres");
        } else {
            arguments.add("--spring.datasource.url=jdbc:h2:mem:inboxbench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
                    + ";QUERY_CACHE_SIZE=0");
        }
        long started = System.nanoTime();
        ConfigurableApplicationContext context = SpringApplication.run(HealthCardApplication.class,
                arguments.toArray(String[]::new));
        System.out.printf("application started in %.0f s on %s%n", (System.nanoTime() - started) / 1e9,
                server == null ? "H2 (in memory)" : "PostgreSQL (embedded, " + server.getJdbcUrl("postgres",
                        "postgres") + ")");
        try {
            new InboxBench(context, runs, warmup, page).run(sizes, new InboxTasks(context.getBean(
                    RepositoryService.class), context.getBean(RuntimeService.class), context.getBean(JdbcTemplate.class)));
        } finally {
            context.close();
            if (server != null) {
                server.close();
            }
        }
        System.exit(0);
    }

    private void run(List<Integer> sizes, InboxTasks sample) {
        sample.deploy();
        String template = sample.start("BENCH-0", "110105", "欧**岚", "name-key doc-key");
        System.out.printf("%n%d timed runs per cell after %d untimed; page of %d; median / max in ms (median CPU ms"
                + " of the calling thread)%n", runs, warmup,
                page);
        System.out.println("| open tasks | who | before: first view (query + count + rows) | after: first page"
                + " | after: count (on request) |");
        System.out.println("|---:|---|---:|---:|---:|");
        int have = 1;
        for (int size : sizes) {
            long t0 = System.nanoTime();
            int from = have;
            sample.copy(template, PREFIX + from + "-", size - have, i -> "110105");
            have = size;
            System.out.printf("(%,d tasks written in %.1f s)%n", size - from, (System.nanoTime() - t0) / 1e9);
            for (String user : List.of("supervisor", "shsupervisor")) {
                int expected = user.equals("supervisor") ? Math.min(page, size) : 0;
                String before = time(user, () -> check(legacyFirstView(), expected));
                String after = time(user, () -> check(inbox.find(TaskFilter.all(), 0, page).size(), expected));
                String count = time(user, () -> inbox.count(TaskFilter.all()));
                System.out.printf("| %,d | %s | %s | %s | %s |%n", size, user, before, after, count);
            }
        }
    }

    private static int check(int rows, int expected) {
        if (rows != expected) {
            throw new IllegalStateException("the page has " + rows + " rows, expected " + expected);
        }
        return rows;
    }

    /**
     * Median and max of the timed runs, in ms, after the untimed ones, as the user; and the median CPU time of the
     * calling thread (the query runs in it: embedded database), which a busy machine does not stretch.
     */
    private String time(String user, Supplier<?> call) {
        return users.as(user, () -> {
            for (int i = 0; i < warmup; i++) {
                call.get();
            }
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                call.get();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            return String.format("%.1f / %.1f (CPU %.1f)", ms[runs / 2], ms[runs - 1], cpu[runs / 2]);
        });
    }

    // ---- the inbox before issue #11, as TaskInboxService had it: what the view ran on every opening ----

    private int legacyFirstView() {
        CurrentUser me = SecurityContextUsers.require();
        legacyQuery(me).count();
        List<Task> rows = legacyQuery(me).orderByTaskPriority().desc().orderByTaskCreateTime().desc()
                .listPage(0, page);
        Set<String> ids = rows.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> businessKeys = ids.isEmpty() ? Map.of()
                : runtime.createProcessInstanceQuery().processInstanceIds(ids).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        int n = 0;
        for (Task t : rows) {
            Object applicant = tasks.getVariable(t.getId(), "applicantName");
            if (applicant != null && businessKeys.containsKey(t.getProcessInstanceId()) && t.getFormKey() != null) {
                n++;
            }
        }
        return n;
    }

    private TaskQuery legacyQuery(CurrentUser me) {
        return tasks.createTaskQuery().initializeFormKeys()
                .processVariableValueLike("regionCode", me.region().scopePrefix() + "%")
                .or().taskAssignee(me.username()).taskCandidateGroupIn(me.groupIds()).endOr();
    }
}
