package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch writer of the audit log (decision 016) on the test database: each test runs a writer of its own (not the
 * application's bean) and holds the chain head's lock from another transaction where it needs the writer to wait.
 */
@IntegrationTest
class AuditBatchWriterIT {

    @Autowired AuditChain chain;
    @Autowired AuditDeadLetters deadLetters;
    @Autowired AuditEventRepository events;
    @Autowired AuditChainHeadRepository heads;
    @Autowired AuditOutboxRepository outbox;
    @Autowired CryptoPort crypto;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired AuditLog auditLog;
    @Autowired TestUsers users;

    private final String subject = "BW-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AuditBatchWriter> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(AuditBatchWriter::stop);
        assertThat(users.as("auditor", () -> auditLog.verifyChain()).intact()).isTrue();
    }

    @Test
    @DisplayName("EHC-05 SEC-03 a graceful stop appends every queued entry to the chain before it returns")
    void stopFlushes() throws Exception {
        AuditBatchWriter writer = writer(chain, 1000, 64, false);
        HeadLock lock = HeadLock.take(transactions, jdbc);
        for (int i = 0; i < 500; i++) {
            writer.enqueue(entry(i));
        }
        assertThat(entries()).isZero(); // the writer waits for the head
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(writer::stop);
        Thread.sleep(200);
        lock.release();
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(entries()).isEqualTo(500);
        assertThat(jdbc.queryForList("select subject_id from audit_event where subject_type = 'BatchWriterIT' and "
                + "subject_id like ? order by id", String.class, subject + "-%"))
                .as("in the order they were queued").containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 500).mapToObj(i -> subject + "-" + i).toList());
    }

    @Test
    @DisplayName("EHC-05 backpressure: a publisher waits while the queue is full instead of the queue growing, and goes on when the writer catches up")
    void backpressure() throws Exception {
        AuditBatchWriter writer = writer(chain, 4, 2, false);
        HeadLock lock = HeadLock.take(transactions, jdbc);
        AtomicInteger queued = new AtomicInteger();
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                writer.enqueue(entry(i));
                queued.incrementAndGet();
            }
        });
        Thread.sleep(500);
        assertThat(publisher).isNotDone();
        assertThat(queued.get()).as("queue of 4 plus the batch of 2 the writer holds").isLessThanOrEqualTo(6);
        lock.release();
        publisher.get(30, TimeUnit.SECONDS);
        writer.flush();
        assertThat(entries()).isEqualTo(20);
    }

    @Test
    @DisplayName("EHC-05 SEC-03 a batch the database refuses is retried, same entries in the same order, until it is appended: nothing is lost silently")
    void failedBatchIsRetried() {
        AtomicInteger failures = new AtomicInteger(2);
        AuditChain failing = new AuditChain(events, heads, outbox, crypto, jdbc, transactions) {
            @Override
            public void appendAll(List<AuditEventEntity> entries) {
                if (failures.getAndDecrement() > 0) {
                    super.appendAll(entries); // chained and inserted, then rolled back with the transaction
                    throw new DataAccessResourceFailureException("database gone (test)");
                }
                super.appendAll(entries);
            }
        };
        AuditBatchWriter writer = writer(failing, 100, 100, false);
        for (int i = 0; i < 50; i++) {
            writer.enqueue(entry(i));
        }
        writer.flush();
        assertThat(failures.get()).isNegative();
        assertThat(entries()).isEqualTo(50);
    }

    @Test
    @DisplayName("EHC-05 with wait-for-commit the publisher returns only once its entry is committed (group commit)")
    void waitForCommit() throws Exception {
        AuditBatchWriter writer = writer(chain, 100, 100, true);
        HeadLock lock = HeadLock.take(transactions, jdbc);
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> writer.enqueue(entry(0)));
        Thread.sleep(300);
        assertThat(publisher).isNotDone();
        lock.release();
        publisher.get(30, TimeUnit.SECONDS);
        assertThat(entries()).isEqualTo(1);
    }

    @Test
    @DisplayName("EHC-05 SEC-03 INT-06 a poison entry (a value too long for its column) among good ones: the good ones are appended and chained in order, the poison one is kept as a dead letter with its data and the error, and the writer goes on")
    void poisonEntryGoesToTheDeadLetters() throws Exception {
        AuditBatchWriter writer = writer(chain, 100, 100, false);
        long deadBefore = users.as("auditor", deadLetters::count);
        HeadLock lock = HeadLock.take(transactions, jdbc); // all in one batch
        for (int i = 0; i < 10; i++) {
            writer.enqueue(i == 5 ? poison(i) : entry(i));
        }
        lock.release();
        CompletableFuture.runAsync(writer::flush).get(20, TimeUnit.SECONDS); // today: retried forever
        assertThat(jdbc.queryForList("select subject_id from audit_event where subject_type = 'BatchWriterIT' and "
                + "subject_id like ? order by id", String.class, subject + "-%"))
                .containsExactlyElementsOf(IntStream.range(0, 10).filter(i -> i != 5)
                        .mapToObj(i -> subject + "-" + i).toList());
        assertThat(users.as("auditor", deadLetters::count)).isEqualTo(deadBefore + 1);
        AuditDeadLetters.DeadLetter dead = users.as("admin", () -> deadLetters.latest(1)).get(0);
        assertThat(dead.eventType()).isEqualTo("BatchWriterTested");
        assertThat(dead.entryData()).contains("subjectId=" + subject + "-5").contains("actor=" + "x".repeat(300));
        assertThat(dead.error()).isNotBlank();
        assertThat(writer.deadLettered()).isEqualTo(1);

        writer.enqueue(entry(10)); // and goes on
        CompletableFuture.runAsync(writer::flush).get(20, TimeUnit.SECONDS);
        assertThat(entries()).isEqualTo(10);
    }

    @Test
    @DisplayName("EHC-05 EHC-06 SEC-03 the longest gateway identity app:<32-character app id>/<64-character terminal id> fits the audit log's actor")
    void longestGatewayIdentityFits() throws Exception {
        AuditBatchWriter writer = writer(chain, 100, 100, false);
        String actor = "app:" + "A".repeat(32) + "/" + "T".repeat(64);
        writer.enqueue(new AuditEventEntity(Instant.now(), "BatchWriterTested", actor, null, "110105",
                "BatchWriterIT", subject + "-0", "API", "longest identity"));
        CompletableFuture.runAsync(writer::flush).get(20, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select actor from audit_event where subject_type = 'BatchWriterIT' and "
                + "subject_id = ?", String.class, subject + "-0")).isEqualTo(actor);
        assertThat(writer.deadLettered()).isZero();
    }

    @Test
    @DisplayName("EHC-05 only data the database refuses (too long, a constraint) is poison; a database gone, a lock timeout or any other failure is retried, never dead-lettered")
    void poisonFailures() {
        assertThat(AuditBatchWriter.poison(new org.springframework.dao.DataIntegrityViolationException("too long")))
                .isTrue();
        assertThat(AuditBatchWriter.poison(new RuntimeException(new java.sql.SQLException("ORA-12899", "72000",
                12899)))).isTrue();
        assertThat(AuditBatchWriter.poison(new DataAccessResourceFailureException("gone"))).isFalse();
        assertThat(AuditBatchWriter.poison(new org.springframework.dao.CannotAcquireLockException("lock"))).isFalse();
        assertThat(AuditBatchWriter.poison(new IllegalStateException("crypto device unreachable"))).isFalse();
    }

    private AuditEventEntity poison(int i) {
        return new AuditEventEntity(Instant.now(), "BatchWriterTested", "x".repeat(300), null, "110105",
                "BatchWriterIT", subject + "-" + i, "API", "entry " + i);
    }

    private AuditBatchWriter writer(AuditChain target, int capacity, int maxBatch, boolean waitForCommit) {
        AuditBatchWriter writer = new AuditBatchWriter(target, deadLetters, transactions, capacity, maxBatch, waitForCommit);
        writers.add(writer);
        writer.start();
        return writer;
    }

    private AuditEventEntity entry(int i) {
        return new AuditEventEntity(Instant.now(), "BatchWriterTested", "system", null, "110105", "BatchWriterIT",
                subject + "-" + i, "API", "entry " + i);
    }

    private long entries() {
        return jdbc.queryForObject("select count(*) from audit_event e join audit_outbox o on o.event_id = e.id "
                + "where e.subject_type = 'BatchWriterIT' and e.subject_id like ?", Long.class, subject + "-%");
    }

    /** The chain head locked by a transaction on another thread until {@link #release()}. */
    private record HeadLock(CountDownLatch latch, CompletableFuture<Void> holder) {

        static HeadLock take(PlatformTransactionManager transactions, JdbcTemplate jdbc) throws Exception {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                    .executeWithoutResult(tx -> {
                        jdbc.queryForMap("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                        locked.countDown();
                        try {
                            release.await(9, TimeUnit.SECONDS); // below the test database's LOCK_TIMEOUT
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            return new HeadLock(release, holder);
        }

        void release() throws Exception {
            latch.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
