package cn.healthcard.security.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address (Bucket4j, in this node's memory; decision 019): each failure takes a token, the
 * bucket refills {@code limit} tokens per {@code period}; an address whose bucket is empty is refused until a token
 * has come back. Only addresses that have failed have a bucket: the request of a client that never failed costs one
 * map lookup.
 */
final class ClientThrottle {

    private static final int MAX_ADDRESSES = 100_000;

    private final long limit;
    private final Duration period;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientThrottle(long limit, Duration period) {
        if (limit < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("throttle limit >= 1 and period positive, not " + limit + "/" + period);
        }
        this.limit = limit;
        this.period = period;
    }

    /** Counts one failure of an address. */
    void failed(String address) {
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= limit); // refilled: nothing to remember
            if (buckets.size() >= MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        buckets.computeIfAbsent(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build()).build())
                .tryConsume(1);
    }

    /** How long the address must wait before its next attempt; {@link Duration#ZERO} when it need not. */
    Duration wait(String address) {
        Bucket bucket = buckets.get(address);
        if (bucket == null || bucket.getAvailableTokens() >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }
}
