package cn.healthcard.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends the entries of {@link cn.healthcard.common.BatchedAuditableEvent}s to the hash chain in batches (decision
 * 016): publishers put entries into a bounded queue; one writer thread takes what has gathered (up to
 * {@code healthcard.audit.batch.max-size}, default 1024) and appends it with {@link AuditChain#appendAll} in one
 * transaction, locking the chain head once: the batch is linked at once (after the pending entries of audited
 * transactions, decision 008), since this transaction is the writer's own and holds no business work. No artificial delay: while one batch is written, the next one gathers.
 * <ul>
 * <li><b>Backpressure</b>: a publisher waits while the queue ({@code healthcard.audit.batch.queue-capacity}, default
 * 4096) is full, so the rate it sees is the rate the chain takes.</li>
 * <li><b>Group commit</b> ({@code healthcard.audit.batch.wait-for-commit}, default false): the publisher also waits
 * until its entry is committed. Without it, a hard crash loses what is queued and the batch being written (at most
 * queue capacity + one batch); a graceful stop writes everything ({@link SmartLifecycle}, stopped after the web
 * server).</li>
 * <li><b>Failures</b>: a batch that does not commit (database unreachable, lock timeout, ...) is retried, the same
 * entries in the same order, with a growing pause (0.1 s to 5 s), logged as an error each time; meanwhile the queue
 * fills and publishers wait — verifications stop rather than go unaudited. A batch whose data the database refuses
 * ({@link #poison}) is appended again in halves down to single entries; an entry refused on its own (a poison entry)
 * goes to the dead letters ({@link AuditDeadLetters}, with its data and the error, logged) and the writer goes on
 * (decision 019). Only when the application stops while the database still refuses are the entries given up, each one
 * logged as an error with its fields.</li>
 * <li>Before {@link #start()} and after {@link #stop()} an entry is appended at once in its own transaction.</li>
 * </ul>
 */
@Component
public class AuditBatchWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditBatchWriter.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final int ATTEMPTS_WHEN_STOPPING = 3;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** ORA-12899 value too large for column (SQL state 72000, which Spring does not translate to a data error). */
    private static final int ORACLE_VALUE_TOO_LARGE = 12899;

    private record Queued(AuditEventEntity entry, CompletableFuture<Void> committed) {
    }

    private final AuditChain chain;
    private final AuditDeadLetters deadLetters;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Queued> queue;
    private final int maxBatch;
    private final boolean waitForCommit;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    AuditBatchWriter(AuditChain chain, AuditDeadLetters deadLetters, PlatformTransactionManager transactions,
                     @Value("${healthcard.audit.batch.queue-capacity:4096}") int queueCapacity,
                     @Value("${healthcard.audit.batch.max-size:1024}") int maxBatch,
                     @Value("${healthcard.audit.batch.wait-for-commit:false}") boolean waitForCommit) {
        this.chain = chain;
        this.deadLetters = deadLetters;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.waitForCommit = waitForCommit;
    }

    /**
     * Queues an entry for the chain: waits while the queue is full, and with wait-for-commit until the entry is
     * committed. Appends it at once when the writer is not running.
     */
    void enqueue(AuditEventEntity entry) {
        if (!running) {
            enqueued.incrementAndGet();
            writeRemaining(List.of(new Queued(entry, null)));
            return;
        }
        Queued queued = new Queued(entry, waitForCommit ? new CompletableFuture<>() : null);
        try {
            while (!queue.offer(queued, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    writeRemaining(List.of());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for room in the audit queue", e);
        }
        enqueued.incrementAndGet();
        if (!running) { // stopped meanwhile: the writer may be gone, write what is left here
            writeRemaining(List.of());
        }
        if (queued.committed() != null) {
            queued.committed().join();
        }
    }

    /** Waits until every entry queued before this call is committed (tests, benches). */
    public void flush() {
        long target = enqueued.get();
        while (written.get() < target) {
            if (!running) {
                writeRemaining(List.of());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        List<Queued> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            write(batch);
            batch.clear();
        }
    }

    /** Writes what is still queued, and {@code more}, in the calling thread (the writer is not running). */
    private synchronized void writeRemaining(List<Queued> more) {
        List<Queued> batch = new ArrayList<>(more);
        queue.drainTo(batch);
        for (int from = 0; from < batch.size(); from += maxBatch) {
            write(batch.subList(from, Math.min(batch.size(), from + maxBatch)));
        }
    }

    /**
     * Appends one batch; retries until it commits, or gives up loudly once stopping. A batch whose data the database
     * refuses (decision 019: e.g. a value too long for its column) is appended again in halves, so that the good
     * entries go on in their order and the entry that cannot be appended even alone goes to the dead letters instead
     * of blocking every entry behind it.
     */
    private void write(List<Queued> batch) {
        List<AuditEventEntity> entries = batch.stream().map(Queued::entry).toList();
        Duration pause = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(tx -> chain.appendAll(entries));
                if (attempt > 1) {
                    log.info("{} audit entries appended after {} failed attempts", entries.size(), attempt - 1);
                }
                written.addAndGet(batch.size());
                batch.forEach(q -> complete(q, null));
                return;
            } catch (RuntimeException e) {
                if (poison(e)) {
                    if (batch.size() > 1) {
                        log.warn("{} audit entries refused ({}); appended again in halves to set aside the entry "
                                + "that cannot be appended", batch.size(), e.toString());
                        int half = batch.size() / 2;
                        write(batch.subList(0, half));
                        write(batch.subList(half, batch.size()));
                        return;
                    }
                    if (deadLetter(batch.get(0), e)) {
                        return;
                    } // the dead letter could not be kept either: the database's trouble after all, retry
                }
                if (!running && attempt >= ATTEMPTS_WHEN_STOPPING) {
                    giveUp(batch, e);
                    return;
                }
                if (attempt == 1) {
                    log.error("{} audit entries not appended, retried until the database takes them; publishers "
                            + "wait once {} are queued", entries.size(), queue.size() + queue.remainingCapacity(), e);
                } else {
                    log.error("{} audit entries still not appended (attempt {}): {}", entries.size(), attempt,
                            e.toString());
                }
                if (!pause(pause)) {
                    giveUp(batch, e);
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /**
     * Whether the database refused the entries' data (a value too long for its column, a null where none may be, a
     * constraint): it would refuse them the same way again. Any other failure — the database unreachable, a lock or
     * transaction timeout, the crypto device down, a bug — is retried, as it may pass or concerns every entry alike.
     */
    static boolean poison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataIntegrityViolationException || t instanceof SQLDataException
                    || t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof SQLException sql && sql.getErrorCode() == ORACLE_VALUE_TOO_LARGE) {
                return true;
            }
        }
        return false;
    }

    /** Keeps an entry that cannot be appended as a dead letter (own transaction); false when that fails too. */
    private boolean deadLetter(Queued q, RuntimeException cause) {
        try {
            transaction.executeWithoutResult(tx -> deadLetters.add(q.entry(), cause, Instant.now()));
        } catch (RuntimeException e) {
            log.error("Audit entry neither appended nor kept as a dead letter ({}); retried", e.toString());
            return false;
        }
        log.error("AUDIT ENTRY NOT APPENDED, kept as a dead letter (see 审计日志校验): {}", q.entry().deadLetterText(),
                cause);
        deadLettered.incrementAndGet();
        written.incrementAndGet();
        complete(q, cause);
        return true;
    }

    /** Entries this writer has put into the dead letters since it started. */
    public long deadLettered() {
        return deadLettered.get();
    }

    private void giveUp(List<Queued> batch, RuntimeException cause) {
        for (Queued q : batch) {
            log.error("AUDIT ENTRY LOST (not appended when the application stopped): {}", q.entry().canonicalText());
            complete(q, cause);
        }
        written.addAndGet(batch.size());
    }

    private static void complete(Queued q, RuntimeException failure) {
        if (q.committed() == null) {
            return;
        }
        if (failure == null) {
            q.committed().complete(null);
        } else {
            q.committed().completeExceptionally(failure);
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::run, "audit-batch-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops taking entries into the queue, writes everything queued, and waits for the writer to end. */
    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = writer;
            writer = null;
        }
        if (thread != null) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeRemaining(List.of());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before and stopped after the web server (whose phases are DEFAULT_PHASE - 2048 and - 1024). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }
}
