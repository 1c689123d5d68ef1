package cn.healthcard.production.internal;

import cn.healthcard.common.ServiceUnavailableException;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the plan submissions and batch re-releases running at once so that they cannot exhaust the connection pool
 * between themselves (review MED 4, decision 027). Each holds its own connection for its whole transaction and reads
 * its residents {@value BatchFiles#CHUNK} at a time in transactions of their own — a second connection, held for one
 * chunk. Those chunks cannot run in the submitting transaction: Hibernate's JPA dialect offers no savepoints (NESTED
 * propagation is refused), and a resident that cannot be read throws through {@code ResidentService.details}, which
 * marks the shared transaction rollback-only — one corrupt resident would fail the whole plan (PER-04, APP-08). So at
 * most {@code (maximumPoolSize - 1) / 2} (at least one) of them run at once: together they hold at most
 * {@code pool - 1} connections with their chunks, one is always left for the rest. This is a bound on these two
 * paths only, not a pool guarantee: other paths also take a second connection while holding one (the completion
 * publisher, result and completion stores, the floor's case start after completion, the hand-over discrepancy
 * record, the logistics inbox); they are short and do not wait for a submission, but enough of them at once can
 * still make a submission wait for its chunk until the pool's connection timeout. A pool smaller than 2 is refused
 * at startup: a submission needs two connections. The slot is taken BEFORE the transaction begins (a waiting caller
 * holds no connection); one that finds no slot within {@code healthcard.production.submission-wait} (default two
 * minutes) is refused 503 {@value #BUSY}, nothing changed.
 */
@Component
public class SubmissionSlots {

    /** 503: every submission slot stayed taken for the whole wait. */
    public static final String BUSY = "PRODUCTION_SUBMISSIONS_BUSY";

    private final Semaphore slots;
    private final int permits;
    private final Duration wait;

    @Autowired
    public SubmissionSlots(DataSource dataSource,
                           @Value("${healthcard.production.submission-wait:PT2M}") Duration wait) {
        this(poolSize(dataSource), wait);
    }

    /** Slots for a pool of {@code poolSize} connections. */
    public SubmissionSlots(int poolSize, Duration wait) {
        if (poolSize < 2) {
            throw new IllegalArgumentException("a plan submission needs two connections: the pool has " + poolSize);
        }
        this.permits = Math.max(1, (poolSize - 1) / 2);
        this.slots = new Semaphore(permits, true);
        this.wait = wait;
    }

    /** How many submissions may run at once. */
    public int permits() {
        return permits;
    }

    /** Runs {@code submission} in a slot, waiting for one without holding a connection; 503 when none came. */
    public <T> T run(Supplier<T> submission) {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServiceUnavailableException(BUSY, "同时提交的生产计划过多，请稍后再提交（未作任何更改）", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(BUSY, "提交生产计划被中断（未作任何更改）", e);
        }
        try {
            return submission.get();
        } finally {
            slots.release();
        }
    }

    private static int poolSize(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            }
        } catch (java.sql.SQLException e) {
            // not a Hikari pool: the default below
        }
        return 10; // Hikari's default
    }
}
