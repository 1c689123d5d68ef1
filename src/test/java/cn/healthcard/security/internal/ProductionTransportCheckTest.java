package cn.healthcard.security.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionTransportCheckTest {

    @Test
    @DisplayName("SEC-02 SEC-03 prod refuses to start with Elasticsearch in the clear or without credentials, an insecure cookie, no idle timeout or a public OpenAPI document")
    void refusesUnprotectedTransport() {
        var bad = new ProductionTransportCheck("http://es:9200", "", "", false, Duration.ofHours(8), true);
        assertThat(bad.problems()).hasSize(5);
        assertThatThrownBy(bad::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TLS").hasMessageContaining("credentials").hasMessageContaining("cookie")
                .hasMessageContaining("idle").hasMessageContaining("OpenAPI");
    }

    @Test
    @DisplayName("SEC-02 prod starts with TLS and credentials for Elasticsearch, a secure cookie, a 15-minute idle timeout and signed-in API docs")
    void startsWhenProtected() {
        var good = new ProductionTransportCheck("https://es.internal:9200", "healthcard", "s3cret", true,
                Duration.ofMinutes(15), false);
        assertThat(good.problems()).isEmpty();
        good.afterSingletonsInstantiated();
    }
}
