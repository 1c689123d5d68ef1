package cn.healthcard.ehc.internal;

import cn.healthcard.ehc.TerminalState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered terminals as the verification path sees them: read by primary key and kept in memory for
 * {@code healthcard.ehc.terminal-cache-ttl} (default 30 s), unknown ids included, so that a verification costs one
 * read of the e-card account only. A change on this node takes effect at once; on another node within the TTL.
 */
@Component
public class TerminalRegistry {

    /** A terminal as verification needs it. */
    public record Entry(String terminalId, String institutionCode, String regionCode, TerminalState state) {
    }

    private record Cached(Optional<Entry> entry, Instant loadedAt) {
    }

    private final TerminalRepository terminals;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TerminalRegistry(TerminalRepository terminals, Clock clock,
                     @Value("${healthcard.ehc.terminal-cache-ttl:PT30S}") Duration ttl) {
        this.terminals = terminals;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The terminal, if registered (in any state). */
    public Optional<Entry> find(String terminalId) {
        Instant now = clock.instant();
        Cached cached = cache.get(terminalId);
        if (cached == null || cached.loadedAt().plus(ttl).isBefore(now)) {
            cached = new Cached(terminals.findById(terminalId).map(t -> new Entry(t.terminalId(),
                    t.institutionCode(), t.regionCode(), t.state())), now);
            if (cache.size() > 100_000) {
                cache.clear(); // a flood of made-up ids must not fill the memory
            }
            cache.put(terminalId, cached);
        }
        return cached.entry();
    }

    public void evict(String terminalId) {
        cache.remove(terminalId);
    }
}
