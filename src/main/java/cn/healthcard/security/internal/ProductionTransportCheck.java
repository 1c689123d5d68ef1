package cn.healthcard.security.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * In the prod profile the application refuses to start unless what leaves the process is protected: Elasticsearch
 * (which holds the audit projection) over TLS with credentials, the session cookie only over HTTPS, sessions that
 * end when idle (at most 30 minutes, GB/T 22239 level 3), and the OpenAPI document for signed-in users only.
 */
@Component
@Profile("prod")
class ProductionTransportCheck implements SmartInitializingSingleton {

    static final Duration MAX_IDLE = Duration.ofMinutes(30);

    private final String elasticsearchUrl;
    private final String elasticsearchUser;
    private final String elasticsearchPassword;
    private final boolean secureCookie;
    private final Duration sessionTimeout;
    private final boolean docsPublic;

    ProductionTransportCheck(@Value("${healthcard.elasticsearch.url:}") String elasticsearchUrl,
                             @Value("${healthcard.elasticsearch.username:}") String elasticsearchUser,
                             @Value("${healthcard.elasticsearch.password:}") String elasticsearchPassword,
                             @Value("${server.servlet.session.cookie.secure:false}") boolean secureCookie,
                             @Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout,
                             @Value("${healthcard.api.docs-public:true}") boolean docsPublic) {
        this.elasticsearchUrl = elasticsearchUrl;
        this.elasticsearchUser = elasticsearchUser;
        this.elasticsearchPassword = elasticsearchPassword;
        this.secureCookie = secureCookie;
        this.sessionTimeout = sessionTimeout;
        this.docsPublic = docsPublic;
    }

    /** What is wrong, empty when the settings may go to production. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!elasticsearchUrl.toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
            problems.add("Elasticsearch must be reached over TLS (ELASTICSEARCH_URL=https://…)");
        }
        if (elasticsearchUser.isBlank() || elasticsearchPassword.isBlank()) {
            problems.add("Elasticsearch needs credentials (ELASTICSEARCH_USERNAME, ELASTICSEARCH_PASSWORD)");
        }
        if (!secureCookie) {
            problems.add("the session cookie must be secure (server.servlet.session.cookie.secure=true)");
        }
        if (sessionTimeout.isZero() || sessionTimeout.isNegative() || sessionTimeout.compareTo(MAX_IDLE) > 0) {
            problems.add("idle sessions must end within " + MAX_IDLE.toMinutes() + " minutes (SESSION_IDLE_TIMEOUT)");
        }
        if (docsPublic) {
            problems.add("the OpenAPI document must not be public (healthcard.api.docs-public=false)");
        }
        return problems;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: " + String.join("; ", problems));
        }
    }
}
