package cn.healthcard.bench;

import cn.healthcard.HealthCardApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * HTTP Basic against the bearer token on the integration API, side by side in one run (issue #10 defect 4,
 * decision 020, docs/performance.md §3): {@code GET /api/v1/cards/{cardNo}} and the e-card verification
 * {@code POST /api/v1/ehc/verifications}, each with the {@code platform} client's id and secret (HTTP Basic: a
 * password-hash check per request) and with its access token (an RS256 signature check with the key in memory),
 * over loopback, a bounded number of requests from a few concurrent callers. Not a test (the name matches no surefire
 * include): {@code bin/bench-api} runs it.
 *
 * <p>Without {@code -Dhealthcard.bench.url} it starts the application itself in this JVM (default profile with demo
 * data, in-memory H2, fresh crypto keystore, no Elasticsearch) on a random port, so server and callers share the
 * machine's cores; with it, it calls the running application at that URL (demo data needed).
 * Options: {@code -Dhealthcard.bench.callers} (4), {@code .basic-requests} (300), {@code .bearer-requests} (20000),
 * {@code .warmup} (fraction of each count sent first, untimed; 0.2).
 */
public final class ApiAuthBench {

    private static final String CARD = "110105000000000001";
    private static final String TERMINAL = "BJ-BENCH-R01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private ApiAuthBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int callers = Integer.getInteger("healthcard.bench.callers", 4);
        int basicRequests = Integer.getInteger("healthcard.bench.basic-requests", 300);
        int bearerRequests = Integer.getInteger("healthcard.bench.bearer-requests", 20000);
        double warmup = Double.parseDouble(System.getProperty("healthcard.bench.warmup", "0.2"));
        String url = System.getProperty("healthcard.bench.url", "");
        ConfigurableApplicationContext context = null;
        if (url.isBlank()) {
            long started = System.nanoTime();
            context = SpringApplication.run(HealthCardApplication.class,
                    "--server.port=0",
                    "--spring.profiles.active=demo",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN",
                    "--spring.datasource.url=jdbc:h2:mem:apibench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                    "--healthcard.production.simulator.answer-delay=PT0.2S",
                    // no Elasticsearch: the projection is not on these paths and never runs here
                    "--healthcard.elasticsearch.url=http://127.0.0.1:9",
                    "--healthcard.elasticsearch.projection.fixed-delay=3650d",
                    "--healthcard.crypto.device.keystore=target/bench/api-" + System.nanoTime() + ".keystore");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            url = "http://127.0.0.1:" + port;
            System.out.printf("application started in %.0f s at %s%n", (System.nanoTime() - started) / 1e9, url);
        }
        try {
            new ApiAuthBench(url).run(callers, basicRequests, bearerRequests, warmup);
        } finally {
            if (context != null) {
                context.close();
            }
        }
        System.exit(0);
    }

    private void run(int callers, int basicRequests, int bearerRequests, double warmup) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("platform:demo1234".getBytes(StandardCharsets.UTF_8));
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo1234".getBytes(StandardCharsets.UTF_8));

        // the demo card is made a few seconds after start
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (send(get("/api/v1/cards/" + CARD, basic)).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo card " + CARD + " not there: is this the default profile?");
            }
            Thread.sleep(1000);
        }
        HttpResponse<String> registered = send(post("/api/v1/ehc/cards", basic, "{\"documentType\":\"01\","
                + "\"documentNumber\":\"110105199003071239\",\"name\":\"张建国\",\"channel\":\"APP\",\"clientId\":\"bench\"}"));
        String ehcId = JSON.readTree(registered.body()).get("ehcId").asText();
        int terminal = send(post("/api/v1/ehc/terminals", admin, "{\"terminalId\":\"" + TERMINAL
                + "\",\"institutionCode\":\"BJ-110105\",\"terminalModel\":\"HC-T100\",\"description\":\"压测终端\"}"))
                .statusCode();
        if (terminal != 201 && terminal != 409) {
            throw new IllegalStateException("terminal registration answered " + terminal);
        }
        String verification = "{\"qrText\":\"" + ehcId + ":1\",\"terminalId\":\"" + TERMINAL + "\"}";

        Supplier<String> bearer = () -> "Bearer " + token();
        System.out.printf("%ncallers %d, Basic %d requests, bearer %d requests per case (+%.0f %% untimed warm-up)%n",
                callers, basicRequests, bearerRequests, warmup * 100);
        System.out.println("| case | auth | requests | requests/s | p50 ms | p99 ms | CPU ms/request (this JVM) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        measure("GET /api/v1/cards/{cardNo}", "Basic", () -> get("/api/v1/cards/" + CARD, basic), basicRequests, callers, warmup);
        String token = bearer.get();
        measure("GET /api/v1/cards/{cardNo}", "Bearer", () -> get("/api/v1/cards/" + CARD, token), bearerRequests, callers, warmup);
        measure("POST /api/v1/ehc/verifications", "Basic", () -> post("/api/v1/ehc/verifications", basic, verification),
                basicRequests, callers, warmup);
        String token2 = bearer.get();
        measure("POST /api/v1/ehc/verifications", "Bearer", () -> post("/api/v1/ehc/verifications", token2, verification),
                bearerRequests, callers, warmup);
        System.out.println("(a token request: " + timeTokenRequests(20) + " ms each, 20 in a row, one caller)");
    }

    private void measure(String name, String auth, Supplier<HttpRequest> request, int requests, int callers,
                         double warmup) throws Exception {
        run(request, (int) (requests * warmup), callers);
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        long[] latencies = run(request, requests, callers);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (cpuNanos() - cpu0) / 1e6 / requests;
        Arrays.sort(latencies);
        System.out.printf("| %s | %s | %d | %.0f | %.1f | %.1f | %.2f |%n", name, auth, requests, requests / seconds,
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6, cpuMs);
    }

    /** Sends the requests from the callers, each a loop of blocking calls; every answer must be 200. */
    private long[] run(Supplier<HttpRequest> request, int requests, int callers) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> answer = send(request.get());
                        latencies[i] = System.nanoTime() - t0;
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }

    private String token() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "platform:demo1234".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body.get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("token request answered " + answer.statusCode() + " " + answer.body(), e);
        }
    }

    private String timeTokenRequests(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            token();
        }
        return String.format("%.1f", (System.nanoTime() - start) / 1e6 / n);
    }

    private HttpRequest get(String path, String authorization) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build();
    }

    private HttpRequest post(String path, String authorization, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
