package cn.healthcard.security.internal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether a machine client is still enabled, for the bearer path (decision 020): read from {@code api_client} at most
 * once per client and period ({@code healthcard.oauth2.client-status-cache-ttl}, default 30 s), so disabling a client
 * stops its outstanding tokens within that period on every node — at once on the node that disabled it — instead of
 * when they expire, at the price of one primary-key read per client and period.
 */
@Component
class ClientStatusCache {

    private record Status(boolean enabled, long checkedAt) {
    }

    private final ApiClientRepository clients;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    @Autowired
    ClientStatusCache(ApiClientRepository clients,
                      @Value("${healthcard.oauth2.client-status-cache-ttl:PT30S}") Duration ttl) {
        this(clients, ttl, System::nanoTime);
    }

    ClientStatusCache(ApiClientRepository clients, Duration ttl, LongSupplier nanoTime) {
        this.clients = clients;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    boolean enabled(String clientId) {
        long now = nanoTime.getAsLong();
        Status status = statuses.get(clientId);
        if (status == null || now - status.checkedAt() > ttlNanos) {
            status = new Status(clients.findById(clientId).map(ApiClient::enabled).orElse(false), now);
            statuses.put(clientId, status);
        }
        return status.enabled();
    }

    /**
     * Forgets the client's status when the running transaction (which enables or disables it on this node) commits,
     * or at once without one.
     */
    void evict(String clientId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    statuses.remove(clientId);
                }
            });
        } else {
            statuses.remove(clientId);
        }
    }
}
