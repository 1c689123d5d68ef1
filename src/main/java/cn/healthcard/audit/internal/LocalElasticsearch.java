package cn.healthcard.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Elasticsearch server on this machine, unpacked by the build into {@code target/elasticsearch} (design.md §6):
 * its own config, data, logs and temp folders under a state folder, {@code 127.0.0.1} on a free port, single node,
 * no security. As root it runs as uid/gid 65534 through {@code setpriv}, since Elasticsearch refuses root.
 * <p>
 * One server per JVM: {@link #acquire(Settings)} starts it on first use and counts users, {@link #release()} stops it
 * when the last user lets go (the application's context close), and a shutdown hook stops it in any case.
 */
public final class LocalElasticsearch {

    /** Where the server comes from and where it keeps its state. */
    public record Settings(Path home, Path stateDir, int port, String heap, Duration startTimeout) {
    }

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final int UNPRIVILEGED = 65534;
    private static LocalElasticsearch shared;
    private static int users;

    private final Path home;
    private final Path state;
    private final int port;
    private final String heap;
    private final Duration startTimeout;

    private LocalElasticsearch(Settings settings) {
        this.home = distribution(settings.home());
        this.port = settings.port() > 0 ? settings.port() : freePort();
        this.state = Path.of(settings.stateDir().toString().replace("{port}", String.valueOf(port)))
                .toAbsolutePath().normalize();
        this.heap = settings.heap();
        this.startTimeout = settings.startTimeout();
    }

    /** The JVM's server, started on first use. Each call must be matched by one {@link #release()}. */
    public static synchronized LocalElasticsearch acquire(Settings settings) {
        if (shared == null) {
            LocalElasticsearch server = new LocalElasticsearch(settings);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "elasticsearch-stop"));
            shared = server;
        }
        users++;
        return shared;
    }

    /** Gives back one {@link #acquire(Settings)}; the last one stops the server. */
    public void release() {
        synchronized (LocalElasticsearch.class) {
            if (shared == this && --users == 0) {
                shared = null;
                stop();
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server (same port and state as before) and waits until the cluster is at least yellow. */
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            prepareState();
            List<String> command = new ArrayList<>();
            if (isRoot()) {
                command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED,
                        "--clear-groups"));
            }
            command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-d", "-p",
                    pidFile().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(state.toFile())
                    .redirectErrorStream(true).redirectOutput(state.resolve("logs/launcher.out").toFile());
            Map<String, String> env = builder.environment();
            env.put("ES_JAVA_HOME", System.getProperty("java.home"));
            env.put("ES_PATH_CONF", state.resolve("config").toString());
            env.put("ES_TMPDIR", state.resolve("tmp").toString());
            env.remove("ES_JAVA_OPTS");
            log.info("starting Elasticsearch {} at {} (state {})", home.getFileName(), url(), state);
            Process process = builder.start();
            long deadline = System.nanoTime() + startTimeout.toNanos();
            if (!process.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure("the start command did not return within " + startTimeout);
            }
            if (process.exitValue() != 0) {
                throw failure("the start command exited with " + process.exitValue());
            }
            if (!awaitYellow(deadline)) {
                stop();
                throw failure("the cluster was not yellow within " + startTimeout);
            }
            log.info("Elasticsearch is up at {}", url());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Elasticsearch from " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch", e);
        }
    }

    /** Stops the server by its pid file and waits (bounded) until the process is gone. */
    public synchronized void stop() {
        Long pid = pid();
        if (pid == null) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            log.info("stopping Elasticsearch at {} (pid {})", url(), pid);
            p.destroy();
            if (!Waits.until(Duration.ofSeconds(60), () -> !p.isAlive())) {
                p.destroyForcibly();
                Waits.until(Duration.ofSeconds(10), () -> !p.isAlive());
            }
        });
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            log.warn("could not delete {}", pidFile(), e);
        }
    }

    /** Whether the process named by the pid file is alive. */
    public synchronized boolean running() {
        Long pid = pid();
        return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void prepareState() throws IOException {
        Path config = state.resolve("config");
        for (String dir : List.of("config", "config/jvm.options.d", "data", "logs", "tmp")) {
            Files.createDirectories(state.resolve(dir));
        }
        for (String file : List.of("jvm.options", "log4j2.properties")) {
            Files.copy(home.resolve("config").resolve(file), config.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(config.resolve("jvm.options.d/heap.options"), "-Xms" + heap + "\n-Xmx" + heap + "\n");
        Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                "cluster.name: healthcard-local",
                "node.name: local",
                "network.host: 127.0.0.1",
                "http.port: " + port,
                "transport.port: 0",
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "path.data: " + state.resolve("data"),
                "path.logs: " + state.resolve("logs"),
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: true", ""));
        if (isRoot()) {
            for (Path dir = state; dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)
                        && !dir.startsWith(state)) {
                    throw new IllegalStateException(dir + " must be traversable (o+x) for uid " + UNPRIVILEGED
                            + " to run Elasticsearch");
                }
            }
            try (Stream<Path> files = Files.walk(state)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.setAttribute(p, "unix:uid", UNPRIVILEGED);
                    Files.setAttribute(p, "unix:gid", UNPRIVILEGED);
                }
            }
        }
    }

    private boolean awaitYellow(long deadlineNanos) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url()
                        + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10)).build();
        return Waits.until(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())), () -> {
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Elasticsearch at " + url() + ": " + what + "\n--- launcher output:\n"
                + tail(state.resolve("logs/launcher.out"), 20) + "\n--- server log:\n"
                + tail(state.resolve("logs/healthcard-local.log"), 40));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    private Path pidFile() {
        return state.resolve("elasticsearch.pid");
    }

    private Long pid() {
        try {
            return Files.exists(pidFile()) ? Long.valueOf(Files.readString(pidFile()).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The unpacked distribution: {@code home} itself or its one {@code elasticsearch-*} folder. */
    private static Path distribution(Path home) {
        Path root = home.toAbsolutePath().normalize();
        if (Files.isRegularFile(root.resolve("bin/elasticsearch"))) {
            return root;
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Elasticsearch under " + root
                            + "; run the build (generate-resources) to unpack it, or set healthcard.elasticsearch.url"));
        } catch (IOException e) {
            throw new IllegalStateException("no Elasticsearch under " + root
                    + "; run the build (generate-resources) to unpack it, or set healthcard.elasticsearch.url", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
