package cn.healthcard.audit.internal;

import cn.healthcard.audit.ResidentSearchKeys;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The benchmark's access to the audit module's internals ({@code cn.healthcard.bench.AuditBench}; test sources only,
 * never a bean of the normal test contexts): building entries, writing chained rows with plain JDBC (same hashes as
 * {@link AuditChain#append}), the indexed document of an entry, and probes that time the projection's parts.
 */
public final class AuditBenchAccess {

    /** The fields of an entry, as {@code AuditRecorder} fills them. */
    public record Row(Instant occurredAt, String eventType, String actor, String institutionCode, String regionCode,
                      String subjectType, String subjectId, String channel, String detail, String cardNo,
                      String residentId, String caseRef) {

        AuditEventEntity entity() {
            return new AuditEventEntity(occurredAt, eventType, actor, institutionCode, regionCode, subjectType,
                    subjectId, channel, detail).withKeys(cardNo, residentId, caseRef);
        }
    }

    private final AuditChain chain;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LongAdder hashNanos = new LongAdder();

    public AuditBenchAccess(AuditChain chain, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Appends the rows through {@link AuditChain#append} in one transaction (as {@code AuditRecorder} does); they are
     * linked by the linker's next round.
     */
    public void append(List<Row> rows) {
        tx.executeWithoutResult(s -> rows.forEach(r -> chain.append(r.entity())));
    }

    /**
     * Writes the rows with batched JDBC in one transaction: locks the chain head ({@code SELECT ... FOR UPDATE}, so
     * concurrent appends wait), numbers and hashes each row exactly as {@link AuditChain#append} does, inserts entries
     * and outbox rows, moves the head. The head must already be chained (an append has happened).
     */
    public void insertChained(List<Row> rows) {
        tx.executeWithoutResult(s -> {
            Map<String, Object> head = jdbc.queryForMap(
                    "SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
            long id = ((Number) head.get("last_id")).longValue();
            String prev = (String) head.get("last_hash");
            if (prev == null && id == 0) {
                prev = AuditChain.GENESIS;
            }
            Objects.requireNonNull(prev, "entries from before the chain: append once first");
            List<AuditEventEntity> entities = new ArrayList<>(rows.size());
            long t0 = System.nanoTime();
            for (Row r : rows) {
                AuditEventEntity e = r.entity();
                e.number(chain.nextId()); // ids from the sequence, chain positions from the head (decision 008)
                e.link(++id, prev, chain::hashOf);
                prev = e.hash();
                entities.add(e);
            }
            hashNanos.add(System.nanoTime() - t0);
            chain.insert(entities);
            jdbc.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", id, prev);
        });
    }

    /** Time spent computing SM3 hashes (canonical text + digest + hex) in {@link #insertChained}. */
    public long hashNanos() {
        return hashNanos.sum();
    }

    /**
     * The indexed documents of the entries after {@code afterId} (up to 1000), enriched like the projection does, by
     * id; empty when there are no more.
     */
    public Map<Long, Map<String, Object>> documentsAfter(long afterId, AuditEventRepository events,
                                                         ResidentSearchKeys residents) {
        List<AuditEventEntity> page = tx.execute(s -> events.findTop1000ByIdGreaterThanOrderByIdAsc(afterId));
        Map<String, ResidentSearchKeys.Keys> keys = residents.of(page.stream().map(AuditEventEntity::residentId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<Long, Map<String, Object>> docs = new java.util.LinkedHashMap<>();
        for (AuditEventEntity e : page) {
            docs.put(e.getId(), AuditProjection.document(e, e.residentId() == null ? null : keys.get(e.residentId())));
        }
        return docs;
    }

    /** Accumulated wall time and calls of one probed method. */
    public static final class Probe {
        private final LongAdder nanos = new LongAdder();
        private final LongAdder calls = new LongAdder();
        private final LongAdder items = new LongAdder();

        public long nanos() {
            return nanos.sum();
        }

        public long calls() {
            return calls.sum();
        }

        /** The sum of the sizes of the collections passed as first argument (e.g. ids marked sent). */
        public long items() {
            return items.sum();
        }

        public void reset() {
            nanos.reset();
            calls.reset();
            items.reset();
        }

        void add(long elapsed) {
            nanos.add(elapsed);
            calls.increment();
        }
    }

    /**
     * Times the parts of {@link AuditProjection#projectPending()}: reading pending entries, marking them sent (each
     * inside its transaction, without begin/commit), looking up the residents' keys, and the Elasticsearch bulk call
     * (request serialisation, HTTP, indexing); and the search calls. Import this class into the benchmark's context
     * only.
     */
    public static class Probes implements BeanPostProcessor {

        public static final Probe PENDING = new Probe();
        public static final Probe MARK_SENT = new Probe();
        public static final Probe RESIDENT_KEYS = new Probe();
        public static final Probe BULK = new Probe();
        public static final Probe SEARCH = new Probe();

        public static void resetAll() {
            List.of(PENDING, MARK_SENT, RESIDENT_KEYS, BULK, SEARCH).forEach(Probe::reset);
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof AuditOutboxRepository outbox) {
                return timed(AuditOutboxRepository.class, outbox, Map.of("pending", PENDING, "markSent", MARK_SENT));
            }
            if (bean instanceof ResidentSearchKeys keys) {
                return timed(ResidentSearchKeys.class, keys, Map.of("of", RESIDENT_KEYS));
            }
            if (bean instanceof ElasticsearchClient client && !(bean instanceof TimedClient)) {
                return new TimedClient(client);
            }
            return bean;
        }

        private static <T> T timed(Class<T> type, T target, Map<String, Probe> probes) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
                Probe probe = probes.get(method.getName());
                long t0 = System.nanoTime();
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    if (probe != null) {
                        probe.add(System.nanoTime() - t0);
                        if (args != null && args.length > 0 && args[0] instanceof Collection<?> c) {
                            probe.items.add(c.size());
                        }
                    }
                }
            }));
        }
    }

    /** The same client (same transport), with its bulk and search calls timed. */
    static final class TimedClient extends ElasticsearchClient {
        TimedClient(ElasticsearchClient client) {
            super(client._transport(), client._transportOptions());
        }

        @Override
        public BulkResponse bulk(BulkRequest request) throws IOException {
            long t0 = System.nanoTime();
            try {
                return super.bulk(request);
            } finally {
                Probes.BULK.add(System.nanoTime() - t0);
            }
        }

        @Override
        public <T> SearchResponse<T> search(SearchRequest request, Class<T> type) throws IOException {
            long t0 = System.nanoTime();
            try {
                return super.search(request, type);
            } finally {
                Probes.SEARCH.add(System.nanoTime() - t0);
            }
        }
    }
}
