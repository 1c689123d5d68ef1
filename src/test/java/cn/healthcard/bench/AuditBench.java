package cn.healthcard.bench;

import cn.healthcard.audit.AuditPage;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.audit.ResidentSearchKeys;
import cn.healthcard.audit.internal.AuditBenchAccess;
import cn.healthcard.audit.internal.AuditBenchAccess.Probes;
import cn.healthcard.audit.internal.AuditBenchAccess.Row;
import cn.healthcard.audit.internal.AuditChain;
import cn.healthcard.audit.internal.AuditEventRepository;
import cn.healthcard.audit.internal.AuditProjection;
import cn.healthcard.audit.internal.ElasticsearchProperties;
import cn.healthcard.audit.internal.LocalElasticsearch;
import cn.healthcard.bench.AuditEventGenerator.County;
import cn.healthcard.bench.AuditEventGenerator.Person;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.internal.Resident;
import cn.healthcard.resident.internal.ResidentRepository;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestUsers;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of the audit log at scale (issue #4): appends, the projection into Elasticsearch against the raw bulk rate
 * of the same server, and search latency. Not a test: its name matches none of surefire's includes and it runs only
 * when {@code healthcard.bench.events} is set, through {@code bin/bench-audit [events]}. Results are printed and
 * appended to {@code target/bench/audit-bench-results.md}; {@code docs/performance.md} records the reference run.
 * <p>
 * One run, one application context (H2 file database and Elasticsearch state under {@code target/bench/}):
 * <ol>
 * <li>residents (SM4-encrypted, with keyed name and document hashes) and N audit entries: a sample through
 * {@link AuditChain#append} one entry per transaction (the shape of terminal traffic), a sample in transactions of
 * 1000, the rest as chained rows through batched JDBC with the same SM3 hashes;</li>
 * <li>raw bulk: the same documents, built and serialised beforehand, in bulks of the projection's batch size into a
 * scratch index with the same template (after a warm-up); the index is deleted afterwards;</li>
 * <li>{@link AuditProjection#projectPending()} draining all pending entries into the real index, with the time spent
 * reading pending entries, looking up residents' keys, bulk-indexing and marking sent;</li>
 * <li>{@link AuditSearch#search} per kind of filter, as a national auditor, warm-up then timed queries with varied
 * parameters: p50/p95/max of the whole call (which also appends its own audit entry) and of the Elasticsearch
 * request alone;</li>
 * <li>the verification of the whole chain ({@link AuditChain#walk()}).</li>
 * </ol>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "healthcard.bench.events", matches = "\\d+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/bench/db/healthcard;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;"
                + "LOCK_TIMEOUT=10000",
        "healthcard.elasticsearch.local.state-dir=target/bench/elasticsearch",
        // the benchmark drives the projection itself: the scheduled rounds never come
        "healthcard.elasticsearch.projection.fixed-delay=3650d",
        "healthcard.production.simulator.answer-delay=PT0.2S"
})
@org.springframework.test.context.ActiveProfiles("demo")
@Import({TestUsers.class, Probes.class})
class AuditBench {

    private static final String AUDITOR = "benchauditor";
    private static final String LOG = "target/bench/audit-bench.log";
    private static final String RAW_INDEX = "healthcard-audit-bench-raw";
    private static final String WARMUP_INDEX = "healthcard-audit-bench-warmup";
    private static final String[] PHRASES = {"身份信息", "照片", "本人领取", "代领", "同意制卡", "挂失", "补换", "签收单",
            "黑名单", "住址", "核实本人", "人口信息库", "医保结算"};

    @Autowired AuditChain chain;
    @Autowired cn.healthcard.audit.AuditLog auditLog;
    @Autowired AuditProjection projection;
    @Autowired AuditSearch search;
    @Autowired AuditEventRepository events;
    @Autowired ResidentSearchKeys residentKeys;
    @Autowired ResidentRepository residentRepository;
    @Autowired ResidentService residentService;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired RestClient restClient;
    @Autowired ElasticsearchProperties elasticsearchProperties;
    @Autowired LocalElasticsearch elasticsearchServer;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    private final int events0 = Integer.getInteger("healthcard.bench.events", 1_000_000);
    private final int residentCount = Integer.getInteger("healthcard.bench.residents", 3000);
    private final int appendSingle = Integer.getInteger("healthcard.bench.append-single", 5000);
    private final int appendBatched = Integer.getInteger("healthcard.bench.append-batched", 50_000);
    private final int appendTx = Integer.getInteger("healthcard.bench.append-tx", 1000);
    private final int jdbcTx = Integer.getInteger("healthcard.bench.jdbc-tx", 10_000);
    private final int queries = Integer.getInteger("healthcard.bench.queries", 200);
    private final int warmup = Integer.getInteger("healthcard.bench.warmup", 50);
    private final long seed = Long.getLong("healthcard.bench.seed", 4);
    private final Path results = Path.of(System.getProperty("healthcard.bench.results",
            "target/bench/audit-bench-results.md"));

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> loads = new LinkedHashMap<>();
    private final StringBuilder report = new StringBuilder();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });

    @Test
    void auditAtScale() throws Exception {
        Instant started = Instant.now();
        int batchSize = elasticsearchProperties.projection().batchSize();
        say("# audit bench: %,d events, %,d residents, projection batch %d", events0, residentCount, batchSize);
        elasticsearchServer.awaitStarted(java.time.Duration.ofMinutes(5)); // started in the background
        awaitQuietLog();
        load("writing the log");
        long before = count("SELECT COUNT(*) FROM audit_event");

        // (a) residents and entries
        AuditEventGenerator generator = new AuditEventGenerator(seed, residentCount);
        long t = System.nanoTime();
        storeResidents(generator);
        double residentsSeconds = seconds(t);
        userAdministration.createIfAbsent(AUDITOR, UUID.randomUUID().toString(), "基准审计", "NHC-000000",
                Set.of(Role.AUDITOR), false, false);
        Generated generated = generate(generator);
        long total = count("SELECT COUNT(*) FROM audit_event");
        assertThat(total).isEqualTo(before + events0);

        // (c) raw bulk of the same documents, built beforehand
        t = System.nanoTime();
        List<BulkRequest> raw = rawBulks(batchSize);
        double prepareSeconds = seconds(t);
        // warm-up: a tenth of the documents (at least 40 bulks) into an index deleted afterwards
        int warmupBulks = Math.min(raw.size(), Math.max(40, raw.size() / 10));
        say("raw bulk warm-up: %,d bulks into %s", warmupBulks, WARMUP_INDEX);
        bulkAll(raw.subList(0, warmupBulks), WARMUP_INDEX);
        deleteIndex(WARMUP_INDEX);
        say("raw bulk: %,d documents in %,d bulks into %s", total, raw.size(), RAW_INDEX);
        Probes.resetAll();
        load("raw bulk");
        t = System.nanoTime();
        long rawIndexed;
        List<double[]> rawSamples;
        try (var progress = progress("raw bulk", Probes.BULK::calls, batchSize)) {
            rawIndexed = bulkAll(raw, RAW_INDEX);
            rawSamples = progress.samples();
        }
        double rawSeconds = seconds(t);
        raw = null;
        refresh(RAW_INDEX);
        assertThat(indexCount(RAW_INDEX)).isEqualTo(total);
        deleteIndex(RAW_INDEX);
        System.gc();

        // (b) the projection, draining everything pending
        long pending = count("SELECT COUNT(*) FROM audit_outbox WHERE sent_at IS NULL");
        Probes.resetAll();
        load("projection");
        say("projection: %,d pending entries into %s", pending, projection.index());
        t = System.nanoTime();
        int sent;
        List<double[]> samples;
        try (var progress = progress("projection", Probes.MARK_SENT::items, 1)) {
            sent = projection.projectPending();
            samples = progress.samples();
        }
        double projectionSeconds = seconds(t);
        var pendingProbe = snapshot(Probes.PENDING);
        var keysProbe = snapshot(Probes.RESIDENT_KEYS);
        var bulkProbe = snapshot(Probes.BULK);
        var markProbe = snapshot(Probes.MARK_SENT);
        assertThat((long) sent).isEqualTo(pending);
        refresh(projection.index());
        assertThat(indexCount(projection.index())).isEqualTo(total);
        Map<String, Object> indexStats = indexStats(projection.index());

        // (d) searches
        load("searches");
        Map<String, Latency> latencies = searches(generator, started);

        // the chain, all of it
        load("chain verification");
        t = System.nanoTime();
        AuditChain.Walk walk = chain.walk();
        double verifySeconds = seconds(t);
        assertThat(walk.firstBroken()).as("first broken link").isNull();
        long finalCount = walk.checked();
        load("end");

        // report
        Map<String, Object> node = nodeInfo();
        report.setLength(0);
        line("## Audit bench %s — %,d events", ZonedDateTime.now(ChinaTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")), events0);
        line("");
        line("Command: `bin/bench-audit %d`", events0);
        line("");
        line("| machine | |");
        line("|---|---|");
        line("| CPUs (nproc) | %d × %s |", Runtime.getRuntime().availableProcessors(), cpuModel());
        line("| RAM | %s |", memTotal());
        line("| disk (target/) | %s |", disk());
        line("| JDK | %s %s, bench JVM heap max %s |", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), mib(Runtime.getRuntime().maxMemory()));
        line("| Elasticsearch | %s, heap %s (healthcard.elasticsearch.local.heap = %s), JVM %s |", node.get("version"),
                mib((Long) node.get("heap")), elasticsearchProperties.local().heap(), node.get("jvm"));
        line("| load average (1 / 5 / 15 min) at the start of | %s |", String.join("; ", loads.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        line("| database | H2 %s file `target/bench/db`, %s after the run |", jdbc.queryForObject(
                "SELECT H2VERSION()", String.class), mib(dbSize()));
        line("");
        line("| (a) writing the log | entries | seconds | entries/s |");
        line("|---|---:|---:|---:|");
        line("| residents stored (SM4 + keyed hashes) | %,d | %.1f | %,.0f |", residentCount, residentsSeconds,
                residentCount / residentsSeconds);
        line("| `AuditChain.append`, 1 entry per transaction (after %,d untimed) | %,d | %.1f | %,.0f |",
                Math.min(appendSingle, events0) - generated.single, generated.single,
                generated.singleSeconds, generated.single / generated.singleSeconds);
        line("| `AuditChain.append`, %,d entries per transaction | %,d | %.1f | %,.0f |", appendTx,
                generated.batched, generated.batchedSeconds, generated.batched / generated.batchedSeconds);
        line("| chained rows by batched JDBC, %,d per transaction (SM3 share %.0f %%) | %,d | %.1f | %,.0f |",
                jdbcTx, 100 * generated.hashSeconds / generated.jdbcSeconds, generated.jdbc, generated.jdbcSeconds,
                generated.jdbc / generated.jdbcSeconds);
        line("");
        line("| (b, c) into Elasticsearch | documents | seconds | docs/s |");
        line("|---|---:|---:|---:|");
        line("| raw bulk, same documents pre-serialised, bulks of %d, 1 client thread | %,d | %.1f | **%,.0f** |",
                batchSize, rawIndexed, rawSeconds, rawIndexed / rawSeconds);
        line("| … raw rate in its first / last tenth (progress samples every 15 s) | | | %s / %s |",
                rate(tenth(rawSamples, false)), rate(tenth(rawSamples, true)));
        line("| `projectPending()`: read pending, keys, bulk, mark sent | %,d | %.1f | **%,.0f** |", sent,
                projectionSeconds, sent / projectionSeconds);
        line("| … of which its bulk calls alone | %,d | %.1f | %,.0f |", sent, bulkProbe.nanos / 1e9,
                sent / (bulkProbe.nanos / 1e9));
        line("| … projection rate in its first / last tenth (progress samples every 15 s) | | | %s / %s |",
                rate(tenth(samples, false)), rate(tenth(samples, true)));
        line("");
        line("Where the projection's %.1f s went (%,d rounds of %d):", projectionSeconds, bulkProbe.calls,
                batchSize);
        line("");
        line("| part | seconds | share | per round (ms) |");
        line("|---|---:|---:|---:|");
        part("read pending entries (`AuditOutboxRepository.pending`, in its transaction)", pendingProbe,
                projectionSeconds);
        part("residents' keys (`ResidentSearchKeys.of`: load + SM4-decrypt + mask)", keysProbe, projectionSeconds);
        part("Elasticsearch bulk call (serialise request, HTTP, index)", bulkProbe, projectionSeconds);
        part("mark sent (`AuditOutboxRepository.markSent`, in its transaction)", markProbe, projectionSeconds);
        double rest = projectionSeconds - (pendingProbe.nanos + keysProbe.nanos + bulkProbe.nanos + markProbe.nanos)
                / 1e9;
        line("| rest: documents as maps, transaction begin/commit | %.1f | %.0f %% | |", rest,
                100 * rest / projectionSeconds);
        line("");
        line("Index after the projection: %,d documents, %s on disk, %s segments. Preparing the raw documents "
                        + "(read by id pages of 1000, keys, serialise) took %.1f s.", indexCount(projection.index()),
                mib((Long) indexStats.get("bytes")), indexStats.get("segments"), prepareSeconds);
        line("");
        line("| (d) search, national auditor, page of 20 | queries | matches (median) | p50 ms | p95 ms | max ms "
                + "| ES p50 ms | ES p95 ms |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        latencies.forEach((name, l) -> line("| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f |", name,
                l.total.length, l.medianMatches, pct(l.total, 50), pct(l.total, 95), pct(l.total, 100),
                pct(l.es, 50), pct(l.es, 95)));
        line("");
        line("Whole call = `AuditSearch.search` including its own audit entry (`AuditSearched`, appended in its own "
                + "transaction); ES = the search request alone. Warm-up %d queries per kind before %d timed ones.",
                warmup, queries);
        line("");
        line("Chain verification (`AuditChain.walk`, pages of 1000): %,d entries in %.1f s (%,.0f/s), "
                + "intact.", finalCount, verifySeconds, finalCount / verifySeconds);
        line("");
        line("Total run %s.", Duration.between(started, Instant.now()).withNanos(0).toString().substring(2)
                .toLowerCase(Locale.ROOT));
        line("");
        say("results:%n%n%s", report);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, report + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        say("results appended to %s", results.toAbsolutePath());
    }

    // ------------------------------------------------------------------------------------------- (a) the log

    private record Generated(int single, double singleSeconds, int batched, double batchedSeconds, int jdbc,
                             double jdbcSeconds, double hashSeconds) {
    }

    private Generated generate(AuditEventGenerator generator) {
        AuditBenchAccess access = new AuditBenchAccess(chain, jdbc, tx);
        long[] times = generator.times(events0, Instant.now(), Duration.ofDays(365));
        int single = Math.min(appendSingle, events0);
        int batched = Math.min(appendBatched, events0 - single);
        int viaJdbc = events0 - single - batched;
        int[] next = {0};
        Function<Integer, List<Row>> rows = n -> {
            List<Row> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(generator.next(times[next[0]++]));
            }
            return list;
        };

        // the first fifth warms the JIT up (right after start) and is not timed
        int singleWarmup = single / 5;
        say("append: %,d entries, one per transaction (%,d of them warm-up)", single, singleWarmup);
        for (int i = 0; i < singleWarmup; i++) {
            access.append(rows.apply(1));
        }
        long t = System.nanoTime();
        for (int i = singleWarmup; i < single; i++) {
            access.append(rows.apply(1));
        }
        double singleSeconds = seconds(t);
        say("append: %,d entries in transactions of %,d", batched, appendTx);
        t = System.nanoTime();
        try (var progress = progress("append", () -> next[0] - single, 1)) {
            for (int done = 0; done < batched; done += appendTx) {
                access.append(rows.apply(Math.min(appendTx, batched - done)));
            }
        }
        double batchedSeconds = seconds(t);
        // the appended entries are linked by the linker (decision 008); the batched JDBC rows below take the chain
        // head themselves and follow them, so the appends' links must all be there first
        cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> {
            while (auditLog.pendingEntries() > 0) {
                auditLog.awaitLinked();
            }
        });
        say("jdbc: %,d chained rows in transactions of %,d", viaJdbc, jdbcTx);
        t = System.nanoTime();
        try (var progress = progress("jdbc", () -> next[0] - single - batched, 1)) {
            for (int done = 0; done < viaJdbc; done += jdbcTx) {
                access.insertChained(rows.apply(Math.min(jdbcTx, viaJdbc - done)));
            }
        }
        double jdbcSeconds = seconds(t);
        return new Generated(single - singleWarmup, singleSeconds, batched, batchedSeconds, viaJdbc, jdbcSeconds,
                access.hashNanos() / 1e9);
    }

    private void storeResidents(AuditEventGenerator generator) {
        Instant now = Instant.now();
        List<Person> people = generator.people();
        Random random = new Random(seed);
        for (int from = 0; from < people.size(); from += 500) {
            int start = from;
            int end = Math.min(people.size(), from + 500);
            tx.executeWithoutResult(s -> {
                List<Resident> batch = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    Person p = people.get(i);
                    String id = UUID.randomUUID().toString();
                    LocalDate birth = p.documentType().equals("03") ? LocalDate.of(1960, 1, 1)
                            .plusDays(random.nextInt(20_000)) : LocalDate.parse(p.documentNumber().substring(6, 14),
                            DateTimeFormatter.BASIC_ISO_DATE);
                    String sex = p.documentType().equals("03") ? String.valueOf(1 + random.nextInt(2))
                            : (p.documentNumber().charAt(16) - '0') % 2 == 1 ? "1" : "2";
                    Resident r = new Resident(id, p.documentType(), residentService.documentIndex(p.documentType(),
                            p.documentNumber()), p.documentNumber(), p.county().code(), now);
                    r.update(p.name(), residentService.nameIndex(p.name()), sex, "01", birth,
                            "139" + String.format("%08d", random.nextInt(100_000_000)), "幸福路" + (1 + i % 300) + "号",
                            "A", "POSITIVE", null, now);
                    batch.add(r);
                    generator.stored(i, id);
                }
                residentRepository.saveAll(batch);
            });
        }
    }

    /** Waits until the demo data's process steps have written their entries (no new entry for 2 s). */
    private void awaitQuietLog() throws InterruptedException {
        long last = -1;
        long seen = count("SELECT COALESCE(MAX(id), 0) FROM audit_event");
        while (seen != last) {
            Thread.sleep(2000);
            last = seen;
            seen = count("SELECT COALESCE(MAX(id), 0) FROM audit_event");
        }
    }

    // ------------------------------------------------------------------------------------------- (b, c) bulk

    /** Every entry's document, as the projection builds it, serialised, in bulk requests of {@code batchSize}. */
    private List<BulkRequest> rawBulks(int batchSize) throws IOException {
        List<BulkRequest> bulks = new ArrayList<>();
        BulkRequest.Builder builder = null;
        int inBuilder = 0;
        long after = 0;
        AuditBenchAccess access = new AuditBenchAccess(chain, jdbc, tx);
        while (true) {
            Map<Long, Map<String, Object>> page = access.documentsAfter(after, events, residentKeys);
            if (page.isEmpty()) {
                break;
            }
            for (var doc : page.entrySet()) {
                if (builder == null) {
                    builder = new BulkRequest.Builder();
                }
                byte[] bytes = json.writeValueAsBytes(doc.getValue());
                String id = String.valueOf(doc.getKey());
                builder.operations(op -> op.index(i -> i.id(id).document(BinaryData.of(bytes, "application/json"))));
                if (++inBuilder == batchSize) {
                    bulks.add(builder.build());
                    builder = null;
                    inBuilder = 0;
                }
                after = doc.getKey();
            }
        }
        if (builder != null) {
            bulks.add(builder.build());
        }
        return bulks;
    }

    private long bulkAll(List<BulkRequest> bulks, String index) throws IOException {
        long indexed = 0;
        for (BulkRequest bulk : bulks) {
            BulkRequest request = BulkRequest.of(b -> b.index(index).operations(bulk.operations()));
            BulkResponse response = elasticsearch.bulk(request);
            if (response.errors()) {
                throw new IllegalStateException("raw bulk refused: " + response.items().stream()
                        .filter(i -> i.error() != null).findFirst().map(i -> i.error().reason()).orElse("?"));
            }
            indexed += response.items().size();
        }
        return indexed;
    }

    private void refresh(String index) throws IOException {
        elasticsearch.indices().refresh(r -> r.index(index));
    }

    private long indexCount(String index) throws IOException {
        return elasticsearch.count(c -> c.index(index)).count();
    }

    private void deleteIndex(String index) throws IOException {
        elasticsearch.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }

    // ------------------------------------------------------------------------------------------- (d) search

    private record Latency(double[] total, double[] es, long medianMatches) {
    }

    private Map<String, Latency> searches(AuditEventGenerator g, Instant now) {
        List<Person> people = g.people();
        List<County> counties = g.counties();
        List<String> types = List.copyOf(AuditEventGenerator.eventMix().keySet());
        LocalDate today = LocalDate.ofInstant(now, ChinaTime.ZONE);
        Map<String, Function<Random, AuditQuery>> kinds = new LinkedHashMap<>();
        AuditQuery all = AuditQuery.everything();
        kinds.put("card number", r -> all.withCardNo(pick(r, people).cardNo()));
        kinds.put("document (type + number, keyed hash)", r -> {
            Person p = pick(r, people);
            return all.withDocument(p.documentType(), p.documentNumber());
        });
        kinds.put("name (keyed hash)", r -> all.withName(pick(r, people).name()));
        kinds.put("institution", r -> all.withInstitution(pick(r, counties).institution()));
        kinds.put("region prefix (province / city / county)", r -> {
            String code = pick(r, counties).code();
            return all.withRegion(switch (r.nextInt(3)) {
                case 0 -> code.substring(0, 2) + "0000";
                case 1 -> code.substring(0, 4) + "00";
                default -> code;
            });
        });
        kinds.put("event type", r -> all.withEventType(pick(r, types)));
        kinds.put("operator", r -> all.withActor(pick(r, pick(r, counties).staff())));
        kinds.put("period (1, 7 or 30 days)", r -> {
            int length = new int[]{1, 7, 30}[r.nextInt(3)];
            LocalDate first = today.minusDays(length + r.nextInt(365 - length));
            return all.withPeriod(first, first.plusDays(length - 1));
        });
        kinds.put("free text (match_phrase on detail)", r -> all.withText(PHRASES[r.nextInt(PHRASES.length)]));
        kinds.put("combined: region + event type + 30 days", r -> {
            LocalDate first = today.minusDays(30 + r.nextInt(335));
            return all.withRegion(pick(r, counties).code().substring(0, 4) + "00").withEventType(pick(r, types))
                    .withPeriod(first, first.plusDays(29));
        });
        kinds.put("count: everything (exact total)", r -> all);

        Map<String, Latency> out = new LinkedHashMap<>();
        users.run(AUDITOR, () -> kinds.forEach((name, query) -> {
            Random random = new Random(seed + name.hashCode());
            for (int i = 0; i < warmup; i++) {
                search.search(query.apply(random), 0, 20, AuditPage.Sort.NEWEST_FIRST);
            }
            double[] total = new double[queries];
            double[] es = new double[queries];
            long[] matches = new long[queries];
            for (int i = 0; i < queries; i++) {
                AuditQuery q = query.apply(random);
                long esBefore = Probes.SEARCH.nanos();
                long t0 = System.nanoTime();
                AuditPage page = search.search(q, 0, 20, AuditPage.Sort.NEWEST_FIRST);
                total[i] = (System.nanoTime() - t0) / 1e6;
                es[i] = (Probes.SEARCH.nanos() - esBefore) / 1e6;
                matches[i] = page.total();
            }
            Arrays.sort(total);
            Arrays.sort(es);
            Arrays.sort(matches);
            out.put(name, new Latency(total, es, matches[matches.length / 2]));
            say("search %-45s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (median %,d matches)", name,
                    pct(total, 50), pct(total, 95), pct(total, 100), matches[matches.length / 2]);
        }));
        return out;
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Nearest-rank percentile of sorted values; 100 = the maximum. */
    static double pct(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // ------------------------------------------------------------------------------------------- reporting

    private record ProbeSnapshot(long nanos, long calls) {
    }

    private static ProbeSnapshot snapshot(AuditBenchAccess.Probe probe) {
        return new ProbeSnapshot(probe.nanos(), probe.calls());
    }

    private void part(String name, ProbeSnapshot p, double totalSeconds) {
        line("| %s | %.1f | %.0f %% | %.1f |", name, p.nanos / 1e9, 100 * p.nanos / 1e9 / totalSeconds,
                p.calls == 0 ? 0 : p.nanos / 1e6 / p.calls);
    }

    /** Prints the progress of a phase every 15 s and keeps (seconds, count) samples. */
    private Progress progress(String phase, LongSupplier done, int unit) {
        return new Progress(phase, done, unit);
    }

    private final class Progress implements AutoCloseable {
        private final List<double[]> samples = new ArrayList<>();
        private final long start = System.nanoTime();
        private final java.util.concurrent.ScheduledFuture<?> task;

        Progress(String phase, LongSupplier done, int unit) {
            samples.add(new double[]{0, 0});
            task = ticker.scheduleAtFixedRate(() -> {
                double s = seconds(start);
                double n = (double) done.getAsLong() * unit;
                double[] previous;
                synchronized (samples) {
                    previous = samples.get(samples.size() - 1);
                    samples.add(new double[]{s, n});
                }
                say("  %s: %,.0f after %.0f s (%,.0f/s in the last %.0f s)", phase, n, s,
                        (n - previous[1]) / (s - previous[0]), s - previous[0]);
            }, 15, 15, TimeUnit.SECONDS);
        }

        List<double[]> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    /** The rate within the first or last tenth of the samples' time span (at least one sample interval). */
    private static double tenth(List<double[]> samples, boolean last) {
        if (samples.size() < 3) {
            return Double.NaN;
        }
        double end = samples.get(samples.size() - 1)[0];
        double[] a;
        double[] b;
        if (last) {
            b = samples.get(samples.size() - 1);
            a = samples.stream().filter(x -> x[0] <= end * 0.9).reduce((x, y) -> y).orElse(samples.get(0));
            if (a == b) {
                a = samples.get(samples.size() - 2);
            }
        } else {
            a = samples.get(0);
            b = samples.stream().filter(x -> x[0] >= end * 0.1).findFirst().orElse(samples.get(1));
        }
        return (b[1] - a[1]) / (b[0] - a[0]);
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "(run too short)" : String.format("%,.0f", perSecond);
    }

    private Map<String, Object> nodeInfo() throws IOException {
        JsonNode nodes = json.readTree(restClient.performRequest(new Request("GET", "/_nodes/_local/jvm"))
                .getEntity().getContent()).path("nodes");
        JsonNode node = nodes.elements().next();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", node.path("version").asText());
        info.put("heap", node.path("jvm").path("mem").path("heap_max_in_bytes").asLong());
        info.put("jvm", node.path("jvm").path("version").asText());
        return info;
    }

    private Map<String, Object> indexStats(String index) throws IOException {
        JsonNode primaries = json.readTree(restClient.performRequest(new Request("GET", "/" + index
                + "/_stats/store,segments")).getEntity().getContent()).path("_all").path("primaries");
        return Map.of("bytes", primaries.path("store").path("size_in_bytes").asLong(),
                "segments", primaries.path("segments").path("count").asLong());
    }

    /** Other work on the machine skews every number: the load average when each phase starts. */
    private void load(String phase) {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            loads.put(phase, parts[0] + " / " + parts[1] + " / " + parts[2]);
            say("load average at %s: %s", phase, loads.get(phase));
        } catch (IOException e) {
            loads.put(phase, "?");
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1)
                    .strip()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String disk() {
        try {
            var store = Files.getFileStore(Path.of("target"));
            return String.format("%s %s, %.0f GiB (%.0f GiB free)", store.type(), store.name(),
                    store.getTotalSpace() / 1073741824.0, store.getUsableSpace() / 1073741824.0);
        } catch (IOException e) {
            return "?";
        }
    }

    private static long dbSize() {
        try (Stream<Path> files = Files.list(Path.of("target/bench/db"))) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String mib(long bytes) {
        return String.format("%,.0f MiB", bytes / 1048576.0);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void line(String format, Object... args) {
        report.append(String.format(format, args)).append('\n');
    }

    /** Progress, to the console and to {@value #LOG} (readable while surefire holds the console back). */
    private static synchronized void say(String format, Object... args) {
        String line = String.format("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.print(line);
        try {
            Files.createDirectories(Path.of(LOG).getParent());
            Files.writeString(Path.of(LOG), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the console has it
        }
    }
}
