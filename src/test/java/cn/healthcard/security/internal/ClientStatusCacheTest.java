package cn.healthcard.security.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Disabling a client reaches its outstanding tokens within the cache period (decision 020). */
class ClientStatusCacheTest {

    @Test
    @DisplayName("SEC-01 a client's status is read once per period; a disabled client is seen after the period, at once after an eviction; an unknown one is not enabled")
    void readsOncePerPeriod() {
        ApiClientRepository repository = mock(ApiClientRepository.class);
        ApiClient client = mock(ApiClient.class);
        AtomicInteger reads = new AtomicInteger();
        when(repository.findById(anyString())).thenAnswer(i -> {
            reads.incrementAndGet();
            return "c1".equals(i.getArgument(0)) ? Optional.of(client) : Optional.empty();
        });
        when(client.enabled()).thenReturn(true);
        AtomicLong now = new AtomicLong();
        var cache = new ClientStatusCache(repository, Duration.ofSeconds(30), now::get);

        assertThat(cache.enabled("c1")).isTrue();
        assertThat(cache.enabled("c1")).isTrue();
        assertThat(reads).hasValue(1);

        when(client.enabled()).thenReturn(false);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.enabled("c1")).isTrue();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.enabled("c1")).isFalse();
        assertThat(reads).hasValue(2);

        when(client.enabled()).thenReturn(true);
        cache.evict("c1");
        assertThat(cache.enabled("c1")).isTrue();
        assertThat(cache.enabled("nobody")).isFalse();
    }
}
