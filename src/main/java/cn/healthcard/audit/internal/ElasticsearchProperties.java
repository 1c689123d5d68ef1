package cn.healthcard.audit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code healthcard.elasticsearch.*}: the search projection of the audit log. With {@code url} blank (the default) the
 * application starts a local server itself ({@link LocalElasticsearch}); in production {@code url}, {@code username}
 * and {@code password} name the cluster.
 *
 * @param url        the cluster, e.g. {@code https://es.example:9200}; blank for the local server
 * @param username   basic-auth user for {@code url}, optional
 * @param password   basic-auth password for {@code url}, optional
 * @param index      the index name; must match the template's pattern {@code healthcard-audit*}
 * @param local      the local server
 * @param projection the outbox projector
 */
@ConfigurationProperties("healthcard.elasticsearch")
public record ElasticsearchProperties(String url, String username, String password,
                                      @DefaultValue("healthcard-audit") String index,
                                      @DefaultValue Local local, @DefaultValue Projection projection) {

    /**
     * @param home         the unpacked distribution (or its parent folder)
     * @param stateDir     config, data and logs; {@code {port}} is replaced by the port
     * @param port         the HTTP port, 0 for a free one
     * @param heap         the JVM heap, e.g. {@code 512m}
     * @param startTimeout how long a (background) start may take until the cluster is yellow
     * @param ownDir       as root: where the server gets a home and state folders owned by its uid 65534 when that
     *                     user cannot reach {@code home} or {@code stateDir} (a clone in a mode-700 home)
     */
    public record Local(@DefaultValue("target/elasticsearch") Path home,
                        @DefaultValue("data/elasticsearch") Path stateDir,
                        @DefaultValue("0") int port,
                        @DefaultValue("512m") String heap,
                        @DefaultValue("90s") Duration startTimeout,
                        @DefaultValue(LocalElasticsearch.DEFAULT_OWN_DIR) Path ownDir) {

        LocalElasticsearch.Settings settings() {
            return new LocalElasticsearch.Settings(home, stateDir, port, heap, startTimeout, ownDir);
        }
    }

    /**
     * @param fixedDelay pause between two rounds of the projector
     * @param batchSize  entries per bulk request
     */
    public record Projection(@DefaultValue("2s") Duration fixedDelay, @DefaultValue("500") int batchSize) {
    }
}
