package cn.healthcard.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

/**
 * Links the committed pending audit entries into the chain ({@link AuditChain#linkPending}, decision 008): one thread
 * per node runs a link round in its own short transaction when an audited transaction has committed
 * ({@link #linkAfterCommit}) and every {@code healthcard.audit.link.interval} (default 200 ms) besides, so entries of a
 * node that crashed after its commit, or of another node, are linked too. The nodes share one sequencer: the
 * chain-head row lock, held only for a round.
 * <p>
 * After its commit an audited transaction's thread waits (at most {@code healthcard.audit.link.max-wait}, default 5 s)
 * for the next round to end, so the caller reads its entry linked; rounds gather every commit that came meanwhile
 * (group linking). A round that fails is logged and its entries stay pending until a later round links them.
 */
@Component
public class AuditLinker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditLinker.class);

    private final AuditChain chain;
    private final TransactionTemplate own;
    private final long intervalMillis;
    private final long maxWaitMillis;
    private final Object monitor = new Object();
    private long requested;
    private long done;
    private volatile boolean failing;
    private volatile boolean running;
    private Thread thread;

    AuditLinker(AuditChain chain, PlatformTransactionManager transactions,
                @Value("${healthcard.audit.link.interval:200ms}") Duration interval,
                @Value("${healthcard.audit.link.max-wait:5s}") Duration maxWait) {
        this.chain = chain;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.maxWaitMillis = maxWait.toMillis();
    }

    /**
     * Has the current transaction link its pending entries after it commits (once per transaction, whatever the
     * number of entries). Without a transaction synchronization, nothing: the sweep links them.
     */
    void linkAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof AfterCommit) {
                return;
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new AfterCommit());
    }

    private final class AfterCommit implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            linkAndWait();
        }
    }

    /**
     * Links every entry committed before this call, waiting (at most the max wait) for a round that starts after it;
     * in the calling thread when the linker is not running.
     */
    public void linkAndWait() {
        if (!running) {
            round();
            return;
        }
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        synchronized (monitor) {
            long target = ++requested;
            monitor.notifyAll();
            try {
                for (long left = maxWaitMillis; done < target && running && left > 0;
                     left = deadline - System.currentTimeMillis()) {
                    monitor.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean backlog = false;
        while (running) {
            long round;
            synchronized (monitor) {
                if (requested == done && !backlog) {
                    try {
                        monitor.wait(intervalMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                round = requested;
            }
            // a full round (the most one round links) leaves more behind: the next round follows at once
            backlog = round() >= AuditChain.MAX_PAGES_PER_ROUND * 1000;
            synchronized (monitor) {
                done = Math.max(done, round);
                monitor.notifyAll();
            }
        }
    }

    /** One link round in its own transaction; a failure is logged (once while it lasts) and retried by the next. */
    private int round() {
        try {
            Integer linked = own.execute(s -> chain.linkPending());
            if (failing) {
                log.info("audit entries linked again ({} in this round)", linked);
                failing = false;
            }
            return linked == null ? 0 : linked;
        } catch (RuntimeException e) {
            if (!failing) {
                log.error("audit entries not linked, they stay pending and are retried every {} ms", intervalMillis,
                        e);
                failing = true;
            } else {
                log.debug("audit entries still not linked: {}", e.toString());
            }
            return 0;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "audit-linker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread after its round and links what is pending once more. */
    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        round();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped after the batch writer, whose last entries it may link (the writer links its own batches). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 8192;
    }
}
