package cn.healthcard.audit;

import cn.healthcard.audit.internal.AuditProjection;
import cn.healthcard.audit.internal.LocalElasticsearch;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TamperedAuditEntry;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log's search projection against the real Elasticsearch server that {@link LocalElasticsearch} starts for
 * the test JVM, and the hash chain's tamper evidence.
 */
@IntegrationTest
class AuditProjectionIT {

    @Autowired AuditLog auditLog;
    @Autowired AuditProjection projection;
    @Autowired LocalElasticsearch server;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired CardApplicationService applications;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired TestRestTemplate rest;

    @BeforeEach
    void serverStarted() {
        server.awaitStarted(Duration.ofMinutes(5)); // started in the background with the application
    }

    @Test
    @DisplayName("APP-13 PER-03: while the local Elasticsearch is still starting (in the background) the application "
            + "works, a search answers a 503 problem AUDIT_SEARCH_UNAVAILABLE, and the entries queued meanwhile reach "
            + "the index once it is up")
    void searchWhileStarting() {
        long before = lastId();
        server.stop();
        try {
            server.startInBackground();
            publishReads(5);
            ResponseEntity<String> answer = rest.withBasicAuth("auditor", "demo1234")
                    .getForEntity("/api/v1/audit/events?eventType=PersonalDataRead", String.class);

            assertThat(server.starting()).as("still starting when the search answered").isTrue();
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody()).contains("\"code\":\"AUDIT_SEARCH_UNAVAILABLE\"");
        } finally {
            server.awaitStarted(Duration.ofMinutes(5));
        }
        assertThat(awaitIndexed(before)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("BPM-03 APP-13 the outbox keeps what is pending and the recent past: rows of entries already in the index are pruned, pending rows and the log itself stay")
    void outboxPruned() {
        long before = lastId();
        publishReads(20);
        awaitIndexed(before);
        long entries = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
        long sentRows = jdbc.queryForObject("SELECT COUNT(*) FROM audit_outbox WHERE sent_at IS NOT NULL", Long.class);
        assertThat(sentRows).isGreaterThanOrEqualTo(20);

        // the scheduled pruning with its retention (an hour) leaves these recent rows alone
        assertThat(projection.pruneSent()).isZero();
        int pruned = projection.pruneSentBefore(java.time.Instant.now().plusSeconds(1));

        assertThat(pruned).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_outbox WHERE sent_at IS NOT NULL AND event_id > ?",
                Long.class, before)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class))
                .as("the log keeps every entry").isGreaterThanOrEqualTo(entries);
        long after = lastId();
        publishReads(3); // new entries still go through the outbox and reach the index
        assertThat(awaitIndexed(after)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("BPM-03, APP-13: new audit entries reach Elasticsearch exactly once (index count == database count)")
    void entriesReachTheIndexExactlyOnce() {
        long before = lastId();
        publishReads(40);
        users.as("clerk", () -> applications.submit(TestResidents.newResident("李四")));
        publishReads(10);

        Map<Long, Map<String, Object>> indexed = awaitIndexed(before);

        assertThat(indexed.keySet()).containsExactlyElementsOf(idsAfter(before));
        assertThat(indexed).hasSizeGreaterThanOrEqualTo(51);
        assertThat(indexed.values()).anySatisfy(doc -> assertThat(doc.get("eventType"))
                .isEqualTo("CardApplicationSubmitted"));
    }

    @Test
    @DisplayName("PER-03, BPM-03: with Elasticsearch stopped mid-stream the application keeps working, entries queue, "
            + "and after the restart all arrive exactly once")
    void outage() {
        long before = lastId();
        publishReads(20);
        server.stop();
        try {
            assertThat(server.running()).isFalse();
            publishReads(30);
            var submitted = users.as("clerk", () -> applications.submit(TestResidents.newResident("王五")));
            assertThat(submitted.applicationId()).isNotBlank();
            assertThatThrownBy(projection::projectPending).isInstanceOf(IOException.class);
            assertThat(pendingAfter(before)).isGreaterThanOrEqualTo(31);
        } finally {
            server.start();
        }

        Map<Long, Map<String, Object>> indexed = awaitIndexed(before);

        assertThat(indexed.keySet()).containsExactlyElementsOf(idsAfter(before));
        assertThat(indexed).hasSizeGreaterThanOrEqualTo(51);
        assertThat(pendingAfter(before)).isZero();
    }

    @Test
    @DisplayName("APP-13: the rebuild (ADMIN) re-creates the index from the database with the same documents")
    void rebuildRecreatesTheSameDocuments() {
        publishReads(5);
        Map<Long, Map<String, Object>> original = awaitIndexed(0);
        long last = original.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        assertThatThrownBy(() -> users.as("auditor", auditLog::rebuildSearchIndex))
                .isInstanceOf(AccessDeniedException.class);
        long rebuilt = users.as("admin", auditLog::rebuildSearchIndex);

        assertThat(rebuilt).isGreaterThanOrEqualTo(original.size());
        assertThat(lastEntry("AuditIndexRebuilt")).containsEntry("ACTOR", "admin")
                .hasEntrySatisfying("DETAIL", d -> assertThat(d.toString())
                        .startsWith("index=" + projection.index() + " entries=" + rebuilt + " durationMs="));
        Map<Long, Map<String, Object>> again = new TreeMap<>(awaitIndexed(0));
        // an entry of another thread's transaction may take an id below `last` and commit after the snapshot (ids come
        // from a sequence, commits in any order): it is in the rebuilt index but was not in `original`
        again.keySet().removeIf(id -> id > last || !original.containsKey(id));
        // the documents carry the resident's search keys as they are when projected (decision 010): a resident whose
        // record was corrected in between (another test's conflict review) gets the corrected keys on every entry
        var corrected = correctedResidents(original, again);
        assertThat(withoutResidentKeys(again, corrected)).as("every document indexed before the rebuild, the same after it")
                .isEqualTo(withoutResidentKeys(original, corrected));
    }

    @Test
    @DisplayName("SEC-03: the SM3 hash chain finds a row changed behind the application's back and shows that entry; every verification is itself recorded in the audit log")
    void hashChainFindsTampering() {
        publishReads(3);
        assertThat(users.as("auditor", auditLog::verifyChain).intact()).isTrue();
        assertThatThrownBy(() -> users.as("clerk", auditLog::verifyChain)).isInstanceOf(AccessDeniedException.class);

        long victim;
        long victimSeq;
        try (var tampered = TamperedAuditEntry.create(jdbc, users, tx, events)) {
            victim = tampered.id();
            AuditLog.ChainVerification result = users.as("admin", auditLog::verifyChain);
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(victim);
            // every linked entry up to the victim is checked: its chain position (ids may skip rolled-back ones)
            victimSeq = jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE id = ?", Long.class, victim);
            assertThat(result.entries()).isEqualTo(victimSeq);
            long seq = victimSeq;
            assertThat(users.as("auditor", () -> auditLog.chainEntry(victim)).orElseThrow().entry().detail())
                    .isEqualTo(TamperedAuditEntry.TAMPERED_DETAIL);
            assertThatThrownBy(() -> users.as("clerk", () -> auditLog.chainEntry(victim)))
                    .isInstanceOf(AccessDeniedException.class);
            // the verification is itself an entry of the log, and appending it does not mend or break anything
            assertThat(lastEntry("AuditChainVerified")).containsEntry("ACTOR", "admin")
                    .hasEntrySatisfying("DETAIL", d -> assertThat(d.toString())
                            .startsWith("broken firstBrokenId=" + victim + " entries=" + seq + " durationMs="));
            assertThat(users.as("admin", auditLog::verifyChain).firstBrokenId()).isEqualTo(victim);
        }
        AuditLog.ChainVerification after = users.as("auditor", auditLog::verifyChain);
        assertThat(after.intact()).isTrue();
        assertThat(after.entries()).isGreaterThan(victimSeq);
        assertThat(lastEntry("AuditChainVerified")).containsEntry("ACTOR", "auditor")
                .hasEntrySatisfying("DETAIL", d -> assertThat(d.toString()).startsWith("intact entries="));
    }

    @Test
    @DisplayName("SEC-03: entries cut off the end of the log break the chain at the last remaining entry")
    void hashChainFindsEntriesCutOffTheEnd() {
        publishReads(3);
        tx.executeWithoutResult(status -> {
            long last = lastId();
            jdbc.update("DELETE FROM audit_outbox WHERE event_id >= ?", last - 1);
            jdbc.update("DELETE FROM audit_event WHERE id >= ?", last - 1);

            AuditLog.ChainVerification result = users.as("auditor", auditLog::verifyChain);

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(last - 2);
            status.setRollbackOnly();
        });
        assertThat(users.as("auditor", auditLog::verifyChain).intact()).isTrue();
    }

    @Test
    @DisplayName("BPM-03: the projection status shows pending entries, the last successful round and no failure")
    void projectionStatus() {
        publishReads(2);
        awaitIndexed(lastId() - 2);

        AuditLog.ProjectionStatus status = Eventually.await("a successful round", Duration.ofSeconds(30),
                () -> users.as("auditor", auditLog::projectionStatus), s -> s.pendingEntries() == 0
                        && s.lastSuccessfulRound() != null);

        assertThat(status.index()).isEqualTo(projection.index());
        assertThat(status.failing()).isFalse();
        assertThatThrownBy(() -> users.as("clerk", auditLog::projectionStatus))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @DisplayName("SEC-03: entries written before the chain existed (V5) are chained by the first append")
    void entriesFromBeforeTheChainAreChainedOnce() {
        publishReads(2);
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE audit_event SET prev_hash = NULL, hash = NULL");
            jdbc.update("UPDATE audit_chain_head SET last_hash = NULL");
            assertThat(users.as("auditor", auditLog::verifyChain).intact()).isFalse();

            users.run("clerk", () -> events.publishEvent(
                    new PersonalDataRead(UUID.randomUUID().toString(), "110105", "投影测试")));

            AuditLog.ChainVerification result = users.as("auditor", auditLog::verifyChain);
            assertThat(result.intact()).isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE hash IS NULL", Long.class))
                    .isZero();
            status.setRollbackOnly();
        });
        assertThat(users.as("auditor", auditLog::verifyChain).intact()).isTrue();
    }

    private void publishReads(int count) {
        users.run("clerk", () -> tx.executeWithoutResult(s -> {
            for (int i = 0; i < count; i++) {
                events.publishEvent(new PersonalDataRead(UUID.randomUUID().toString(), "110105", "投影测试"));
            }
        }));
    }

    private Map<String, Object> lastEntry(String eventType) {
        return jdbc.queryForMap("SELECT actor, channel, detail FROM audit_event WHERE event_type = ?"
                + " ORDER BY id DESC LIMIT 1", eventType);
    }

    private long lastId() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM audit_event", Long.class);
    }

    private List<Long> idsAfter(long id) {
        return jdbc.queryForList("SELECT id FROM audit_event WHERE id > ? ORDER BY id", Long.class, id);
    }

    private long pendingAfter(long id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_outbox WHERE event_id > ? AND sent_at IS NULL",
                Long.class, id);
    }

    /** Waits until nothing after {@code id} is pending and the index holds exactly the database's entries. */
    private Map<Long, Map<String, Object>> awaitIndexed(long id) {
        return Eventually.await("audit entries after " + id + " in the index", Duration.ofSeconds(60),
                () -> pendingAfter(id) == 0 ? indexedAfter(id) : Map.<Long, Map<String, Object>>of(),
                docs -> !docs.isEmpty() && docs.keySet().stream().toList().equals(idsAfter(id)));
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Map<String, Object>> indexedAfter(long id) {
        try {
            elasticsearch.indices().refresh(r -> r.index(projection.index()));
            var response = elasticsearch.search(s -> s.index(projection.index()).size(10_000)
                    .query(q -> q.range(r -> r.number(n -> n.field("id").gt((double) id))))
                    .sort(o -> o.field(f -> f.field("id"))), Map.class);
            Map<Long, Map<String, Object>> docs = new TreeMap<>();
            for (Hit<Map> hit : response.hits().hits()) {
                docs.put(Long.valueOf(hit.id()), hit.source());
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> RESIDENT_KEYS =
            List.of("nameMasked", "nameKey", "documentType", "documentKey", "documentNumberMasked");

    /**
     * The residents whose search keys differ between the documents before and after the rebuild; each of them has one
     * set of keys on all their entries after it (checked here).
     */
    private static java.util.Set<Object> correctedResidents(Map<Long, Map<String, Object>> before,
                                                            Map<Long, Map<String, Object>> after) {
        var changed = new java.util.HashSet<Object>();
        before.forEach((id, doc) -> {
            var other = after.get(id);
            if (other != null && doc.get("residentId") != null
                    && RESIDENT_KEYS.stream().anyMatch(k -> !java.util.Objects.equals(doc.get(k), other.get(k)))) {
                changed.add(doc.get("residentId"));
            }
        });
        for (Object resident : changed) {
            assertThat(after.values().stream().filter(d -> resident.equals(d.get("residentId")))
                    .map(d -> d.get("nameKey")).distinct().count())
                    .as("one name key on all entries of corrected resident " + resident).isEqualTo(1);
        }
        return changed;
    }

    /** The documents, without the search keys of the given residents. */
    private static Map<Long, Map<String, Object>> withoutResidentKeys(Map<Long, Map<String, Object>> documents,
                                                                      java.util.Set<Object> residents) {
        var result = new TreeMap<Long, Map<String, Object>>();
        documents.forEach((id, doc) -> {
            var copy = new java.util.LinkedHashMap<>(doc);
            if (residents.contains(doc.get("residentId"))) {
                RESIDENT_KEYS.forEach(copy::remove);
            }
            result.put(id, copy);
        });
        return result;
    }
}
