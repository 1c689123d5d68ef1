package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.audit.ResidentSearchKeys;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The search projection of the audit log: sends the outbox's pending entries in bulk to the index, the entry id being
 * the document id (sending twice overwrites, never duplicates), and marks them sent; the next batch is prepared while
 * the index takes the current one. A failed round leaves them
 * pending for the next one. Also applies the index template and rebuilds the index from the database.
 */
@Component
public class AuditProjection {

    /** The index template, also in {@code deploy/elasticsearch/}. */
    static final String TEMPLATE = "/elasticsearch/healthcard-audit-template.json";

    private static final Logger log = LoggerFactory.getLogger(AuditProjection.class);

    private final ElasticsearchClient client;
    private final AuditOutboxRepository outbox;
    private final AuditEventRepository events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ResidentSearchKeys residents;
    private final String index;
    private final int batchSize;
    private final java.time.Duration outboxRetention;
    /** The local server when no cluster is configured: while it starts, rounds wait quietly instead of failing. */
    private final LocalElasticsearch local;
    private volatile boolean templateApplied;
    private volatile boolean failing;
    private volatile Instant lastSuccessfulRound;
    /** Prepares the next batch while the current one is being indexed (see {@link #projectPending()}). */
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-projection-prefetch");
        t.setDaemon(true);
        return t;
    });

    AuditProjection(ElasticsearchClient client, AuditOutboxRepository outbox, AuditEventRepository events,
                    TransactionTemplate tx, Clock clock, ResidentSearchKeys residents,
                    ElasticsearchProperties properties,
                    @org.springframework.beans.factory.annotation.Value(
                            "${healthcard.elasticsearch.projection.outbox-retention:PT1H}") java.time.Duration outboxRetention,
                    org.springframework.beans.factory.ObjectProvider<LocalElasticsearch> local) {
        this.local = local.getIfAvailable();
        this.residents = residents;
        this.client = client;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.index = properties.index();
        this.batchSize = properties.projection().batchSize();
        this.outboxRetention = outboxRetention;
    }

    private boolean localServerStarting() {
        return local != null && local.starting();
    }

    /** The index the entries go to. */
    public String index() {
        return index;
    }

    @EventListener(ApplicationReadyEvent.class)
    void applyTemplateAtStart() {
        if (localServerStarting()) {
            return; // the first round after the start applies it
        }
        try {
            applyTemplate();
        } catch (IOException | RuntimeException e) {
            log.warn("audit index template not applied yet ({}); the projector tries again", e.toString());
        }
    }

    /**
     * Removes outbox rows of entries sent to the index more than {@code healthcard.elasticsearch.projection
     * .outbox-retention} ago (default an hour), a page at a time: the outbox holds what is pending and the recent
     * past, not a second copy of the log. A rebuild reads the log itself and needs no outbox row. Returns how many.
     */
    @Scheduled(fixedDelayString = "${healthcard.elasticsearch.projection.prune-interval:5m}",
            initialDelayString = "${healthcard.elasticsearch.projection.prune-interval:5m}")
    public int pruneSent() {
        return pruneSentBefore(Instant.now(clock).minus(outboxRetention));
    }

    /** As {@link #pruneSent()}, for the rows of entries sent before {@code cutoff}. */
    public int pruneSentBefore(Instant cutoff) {
        int pruned = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                List<Long> ids = outbox.sentBefore(cutoff, PageRequest.of(0, 5_000));
                return ids.isEmpty() ? 0 : outbox.deleteSent(ids);
            });
            if (n == null || n == 0) {
                if (pruned > 0) {
                    log.debug("audit outbox: {} rows of sent entries pruned", pruned);
                }
                return pruned;
            }
            pruned += n;
        }
    }

    @Scheduled(fixedDelayString = "${healthcard.elasticsearch.projection.fixed-delay:2s}",
            initialDelayString = "${healthcard.elasticsearch.projection.fixed-delay:2s}")
    void scheduledRound() {
        if (localServerStarting()) {
            return;
        }
        try {
            int sent = projectPending();
            if (failing) {
                failing = false;
                log.info("audit projection to {} works again ({} entries sent)", index, sent);
            }
        } catch (IOException | RuntimeException e) {
            // one warning per outage, then quietly every round until it works again
            if (!failing) {
                failing = true;
                log.warn("audit projection to {} failed, {} entries stay pending and are retried every round: {}",
                        index, tx.execute(s -> outbox.countPending()), e.toString());
            } else {
                log.debug("audit projection to {} still failing: {}", index, e.toString());
            }
        }
    }

    /**
     * Sends all pending entries, batch by batch, and returns how many were marked sent.
     *
     * @throws IOException when Elasticsearch cannot be reached; nothing is lost, the entries stay pending
     */
    public synchronized int projectPending() throws IOException {
        if (!templateApplied) {
            applyTemplate();
        }
        // A pipeline: while Elasticsearch indexes one batch, the prefetch thread marks the batch before it sent and
        // reads the next one, looks up its residents' keys and builds its documents (the database and Elasticsearch
        // work at the same time). Marking is idempotent: an entry whose mark is lost is sent again, overwriting itself.
        int sent = 0;
        Prepared current = prepare(0);
        Future<?> marking = CompletableFuture.completedFuture(null);
        while (current != null) {
            long last = current.lastId();
            Future<Prepared> next = prefetch.submit(() -> prepare(last));
            List<Long> indexed;
            try {
                indexed = bulk(current.request());
            } catch (IOException | RuntimeException e) {
                next.cancel(false);
                await(marking);
                throw e;
            }
            await(marking);
            marking = prefetch.submit(() -> tx.executeWithoutResult(s -> outbox.markSent(indexed,
                    Instant.now(clock))));
            sent += indexed.size();
            if (indexed.size() < current.size()) {
                next.cancel(false);
                await(marking);
                log.warn("audit projection: {} of {} entries refused by {}, they stay pending", current.size()
                        - indexed.size(), current.size(), index);
                return sent;
            }
            current = await(next);
        }
        await(marking);
        lastSuccessfulRound = Instant.now(clock);
        return sent;
    }

    /** A batch of pending entries after {@code after}, as its bulk request; null when none is left. */
    private Prepared prepare(long after) {
        List<AuditEventEntity> batch = tx.execute(s -> outbox.pending(after, PageRequest.of(0, batchSize)));
        if (batch == null || batch.isEmpty()) {
            return null;
        }
        return new Prepared(request(batch), batch.size(), batch.get(batch.size() - 1).getId());
    }

    private static <T> T await(Future<T> next) throws IOException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("audit projection interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    private record Prepared(BulkRequest request, int size, long lastId) {
    }

    @PreDestroy
    void stopPrefetch() {
        prefetch.shutdownNow();
    }

    /** Deletes the index and writes every entry of the log again from the database; returns how many. */
    public synchronized long rebuild() throws IOException {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        applyTemplate();
        client.indices().create(c -> c.index(index));
        long count = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<AuditEventEntity> page = tx.execute(s -> events.findTop1000ByIdGreaterThanAndChainSeqIsNotNullOrderByIdAsc(from));
            if (page == null || page.isEmpty()) {
                client.indices().refresh(r -> r.index(index)); // rebuilt = searchable, not a refresh interval later
                log.info("audit index {} rebuilt with {} entries", index, count);
                lastSuccessfulRound = Instant.now(clock);
                return count;
            }
            List<Long> indexed = send(page);
            if (indexed.size() < page.size()) {
                throw new IOException("rebuild of " + index + ": " + (page.size() - indexed.size())
                        + " entries refused after id " + from);
            }
            tx.executeWithoutResult(s -> outbox.markSent(indexed, Instant.now(clock)));
            count += page.size();
            after = page.get(page.size() - 1).getId();
        }
    }

    /**
     * How the projection is doing: entries waiting in the outbox, when a round (or a rebuild) last sent everything
     * pending (null: not since this node started), and whether the scheduled rounds are failing right now.
     */
    public AuditLog.ProjectionStatus status() {
        Long pending = tx.execute(s -> outbox.countPending());
        return new AuditLog.ProjectionStatus(index, pending == null ? 0 : pending, lastSuccessfulRound, failing);
    }

    private List<Long> send(List<AuditEventEntity> entries) throws IOException {
        return bulk(request(entries));
    }

    /** The bulk request of these entries, with their residents' masks and keyed hashes. */
    private BulkRequest request(List<AuditEventEntity> entries) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        Map<String, ResidentSearchKeys.Keys> keys = residents.of(entries.stream().map(AuditEventEntity::residentId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        for (AuditEventEntity e : entries) {
            Map<String, Object> document = document(e, e.residentId() == null ? null : keys.get(e.residentId()));
            bulk.operations(op -> op.index(i -> i.id(String.valueOf(e.getId())).document(document)));
        }
        return bulk.build();
    }

    /** Sends the request; the ids of the entries the index took. */
    private List<Long> bulk(BulkRequest request) throws IOException {
        BulkResponse response = client.bulk(request);
        if (response.errors()) {
            response.items().stream().filter(i -> i.error() != null).findFirst().ifPresent(i ->
                    log.warn("audit projection: entry {} refused: {}", i.id(), i.error().reason()));
        }
        return response.items().stream().filter(i -> i.error() == null).map(BulkResponseItem::id)
                .map(Long::valueOf).toList();
    }

    /**
     * The indexed fields. No personal data in plaintext: the audit detail never holds any (see
     * {@code AuditableEvent}), the resident appears masked and as keyed hashes of name and document.
     */
    static Map<String, Object> document(AuditEventEntity e, ResidentSearchKeys.Keys resident) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", e.getId());
        doc.put("occurredAt", e.occurredAt().toString());
        doc.put("eventType", e.eventType());
        doc.put("actor", e.actor());
        doc.put("institutionCode", e.institutionCode());
        doc.put("regionCode", e.regionCode());
        doc.put("subjectType", e.subjectType());
        doc.put("subjectId", e.subjectId());
        doc.put("channel", e.channel());
        doc.put("detail", e.detail());
        doc.put("cardNo", e.cardNo());
        doc.put("caseRef", e.caseRef());
        doc.put("residentId", e.residentId());
        if (resident != null) {
            doc.put("nameMasked", resident.nameMasked());
            doc.put("nameKey", resident.nameKey());
            doc.put("documentType", resident.documentType());
            doc.put("documentKey", resident.documentKey());
            doc.put("documentNumberMasked", resident.documentNumberMasked());
        }
        doc.put("hash", e.hash());
        return doc;
    }

    private void applyTemplate() throws IOException {
        try (InputStream json = AuditProjection.class.getResourceAsStream(TEMPLATE)) {
            if (json == null) {
                throw new UncheckedIOException(new IOException(TEMPLATE + " is not on the classpath"));
            }
            client.indices().putIndexTemplate(t -> t.name("healthcard-audit").withJson(json));
        }
        templateApplied = true;
    }
}
