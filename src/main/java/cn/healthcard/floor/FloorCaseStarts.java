package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.floor.FloorEvents.FloorCaseStartAbandoned;
import cn.healthcard.floor.FloorEvents.FloorCaseStartFailed;
import cn.healthcard.floor.FloorEvents.FloorCaseStarted;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.production.BatchReleased;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.TaskInboxService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * Starts a released batch's floor case after the plan submission commits (decision 028). {@code BatchReleased} only
 * writes the batch row in the submission's transaction — the persisted start request, so the request exists exactly
 * when the submission commits and a floor failure never rolls the submission back. After the commit the case starts
 * in a transaction of its own; the row, locked first, says whether it has started ({@code case_started_at}), so the
 * start happens once per batch whatever the number of events, retries or nodes. A start that fails is recorded on the
 * row ({@code start_attempts}, {@code start_error}), audited ({@link FloorCaseStartFailed}) and retried with back-off:
 * the next attempt is due after {@code healthcard.floor.start-backoff} (one minute) doubled per failed attempt, at most
 * {@code healthcard.floor.start-backoff-max} (one hour); after {@code healthcard.floor.start-max-attempts} (10) the
 * request is FAILED ({@code start_failed_at}): audited ({@link FloorCaseStartAbandoned}), written to the production log
 * for the maker's lead, shown on the floor screen, and no longer retried by the job — a re-release of the batch (or an
 * explicit {@link #start}) tries again. The job (every {@code healthcard.floor.start-retry-interval}) takes the due
 * requests soonest-due first, so a poison request waits out its back-off while the others start; a node that stops
 * between the commit and the start leaves the request for that job.
 * <p>
 * The case's first job is the receipt of the batch's data file, which production renames to its final name only after
 * the same commit. So the start runs after every other synchronization of the transaction (after completion, lowest
 * precedence) and only once production says the file is delivered ({@link ProductionLine#fileDelivered}); until then
 * the request waits for the retry, and counts as a failed start only once it is older than
 * {@code healthcard.floor.file-wait} (default five minutes).
 */
@Component
public class FloorCaseStarts {

    private static final Logger log = LoggerFactory.getLogger(FloorCaseStarts.class);

    private final FloorRecords records;
    private final JdbcClient jdbc;
    private final ProcessGateway processes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Period stuckAfter;
    private final Period productionDeadline;
    private final ProductionLine line;
    private final Duration fileWait;
    private final FloorStock stock;
    private final Backoff backoff;

    /** The retry's back-off: {@code base} doubled per failed attempt up to {@code max}; FAILED after {@code attempts}. */
    record Backoff(Duration base, Duration max, int attempts) {

        /** The wait after the {@code failed}-th failed attempt (1, 2, …). */
        Duration after(int failed) {
            Duration wait = base.multipliedBy(1L << Math.min(Math.max(failed - 1, 0), 20));
            return wait.compareTo(max) > 0 ? max : wait;
        }
    }

    FloorCaseStarts(FloorRecords records, JdbcClient jdbc, ProcessGateway processes, ApplicationEventPublisher events,
                    PlatformTransactionManager transactions, Clock clock, ProductionLine line, FloorStock stock,
                    @Value("${healthcard.floor.stuck-after:P2D}") Period stuckAfter,
                    @Value("${healthcard.floor.production-deadline:P3D}") Period productionDeadline,
                    @Value("${healthcard.floor.file-wait:PT5M}") Duration fileWait,
                    @Value("${healthcard.floor.start-backoff:PT1M}") Duration backoffBase,
                    @Value("${healthcard.floor.start-backoff-max:PT1H}") Duration backoffMax,
                    @Value("${healthcard.floor.start-max-attempts:10}") int maxAttempts) {
        this.stock = stock;
        this.backoff = new Backoff(backoffBase, backoffMax, Math.max(1, maxAttempts));
        this.records = records;
        this.line = line;
        this.fileWait = fileWait;
        this.jdbc = jdbc;
        this.processes = processes;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        this.productionDeadline = productionDeadline;
    }

    /**
     * {@code BatchReleased}: the start request (the batch row) in the publisher's transaction, the start after its
     * commit (at once when there is no transaction). A repeated event changes nothing (false).
     */
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean released(BatchReleased e) {
        boolean active = TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        Boolean requested = active ? records.insertIfAbsent(e)
                : ownTransaction.execute(t -> records.insertIfAbsent(e));
        if (!Boolean.TRUE.equals(requested)) {
            return false;
        }
        if (active) {
            // after completion, last: production's data file takes its final name in a synchronization of its own
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        SecurityContextUsers.runAsSystem(() -> start(e.batchNo()));
                    }
                }
            });
        } else {
            start(e.batchNo());
        }
        return true;
    }

    /**
     * Starts the batch's case unless it has started or its data file is not delivered yet, in a transaction of its
     * own; a failure (a file still missing after {@code file-wait} included) is recorded and audited (the request
     * stays for the retry). True when this call started it. SYSTEM only.
     */
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean start(String batchNo) {
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(t -> {
                Batch b = records.lock(batchNo).orElse(null);
                if (b == null || startedAt(batchNo) != null) {
                    return false;
                }
                if (!line.fileDelivered(batchNo)) {
                    Timestamp released = jdbc.sql("SELECT released_at FROM floor_batch WHERE batch_no = ?")
                            .param(batchNo).query(Timestamp.class).single();
                    if (released.toInstant().isAfter(clock.instant().minus(fileWait))) {
                        log.info("batch {}: data file not delivered yet, the floor case waits for it", batchNo);
                        return false;
                    }
                    throw new ConflictException("FLOOR_FILE_NOT_DELIVERED", "batchNo", "批次 " + batchNo
                            + " 的数据文件下达超过 " + fileWait.toMinutes() + " 分钟仍未到达制卡机构的接收目录");
                }
                processes.start(FloorService.PROCESS_KEY, batchNo, Map.of(
                        TaskInboxService.REGION_CODE, b.regionCode(),
                        TaskInboxService.APPLICANT_NAME, b.planNo() + " / " + b.cardCount() + "张",
                        FloorService.MAKER_CODE, b.makerCode(),
                        "stuckAfter", stuckAfter.toString(),
                        "productionDeadline", productionDeadline.toString()));
                jdbc.sql("UPDATE floor_batch SET case_started_at = ?, start_error = NULL, start_next_at = NULL,"
                        + " start_failed_at = NULL, start_attempts = 0 WHERE batch_no = ?").params(records.now(), batchNo).update();
                events.publishEvent(new FloorCaseStarted(batchNo, b.regionCode(), b.makerCode(), b.cardCount()));
                return true;
            }));
        } catch (RuntimeException ex) {
            log.error("floor case of batch {} could not start; it is retried", batchNo, ex);
            // shown to the maker's staff on the floor screen: a refusal's own message, else no internal detail
            String error = ex instanceof ConflictException c ? c.code() + "：" + c.getMessage()
                    : "系统内部错误（" + ex.getClass().getSimpleName() + "），详见系统日志";
            String cut = error.length() > 500 ? error.substring(0, 500) : error;
            try {
                ownTransaction.executeWithoutResult(t -> records.find(batchNo).ifPresent(b -> failed(b, cut)));
            } catch (RuntimeException again) {
                log.warn("could not record the failed start of batch {}", batchNo, again);
            }
            return false;
        }
    }

    /** A failed attempt: counted, the next one due after the back-off, or FAILED after the last (audited, logged). */
    private void failed(Batch b, String error) {
        var row = jdbc.sql("SELECT start_attempts, start_failed_at, case_started_at FROM floor_batch WHERE batch_no = ?"
                + " FOR UPDATE").param(b.batchNo()).query().singleRow();
        if (row.get("case_started_at") != null) {
            return; // another node started the case meanwhile: a running batch is not marked failed
        }
        // an explicit start after FAILED (a re-release) begins a new series of attempts
        int attempts = row.get("start_failed_at") != null ? 1
                : ((Number) row.get("start_attempts")).intValue() + 1;
        boolean abandoned = attempts >= backoff.attempts();
        java.time.Instant now = clock.instant();
        Timestamp next = Timestamp.from(now.plus(backoff.after(attempts)));
        jdbc.sql("UPDATE floor_batch SET start_attempts = ?, start_error = ?, start_next_at = ?, start_failed_at = ?"
                        + " WHERE batch_no = ?")
                .params(attempts, error, next, abandoned ? Timestamp.from(now) : null, b.batchNo()).update();
        events.publishEvent(new FloorCaseStartFailed(b.batchNo(), b.regionCode(), b.makerCode(), error));
        if (abandoned) {
            events.publishEvent(new FloorCaseStartAbandoned(b.batchNo(), b.regionCode(), b.makerCode(), attempts,
                    error));
            stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "START", "批次 " + b.batchNo() + " 的现场流程启动失败 "
                    + attempts + " 次，已停止自动重试（" + (error.length() > 300 ? error.substring(0, 300) : error)
                    + "）：请排除原因后由注册中心重新下达");
        }
    }

    private Timestamp startedAt(String batchNo) {
        return jdbc.sql("SELECT case_started_at FROM floor_batch WHERE batch_no = ?").param(batchNo)
                .query(Timestamp.class).optional().orElse(null);
    }

    /**
     * Starts the cases requested more than {@code minAge} ago, not started, not FAILED and due (their back-off over),
     * soonest due first, at most 200; the number started. SYSTEM only.
     */
    @PreAuthorize("hasRole('SYSTEM')")
    public int retryOpen(Duration minAge) {
        List<String> open = jdbc.sql("SELECT batch_no FROM floor_batch WHERE case_started_at IS NULL"
                        + " AND start_failed_at IS NULL AND released_at < ? AND (start_next_at IS NULL OR start_next_at"
                        + " <= ?) ORDER BY COALESCE(start_next_at, released_at), batch_no FETCH FIRST 200 ROWS ONLY")
                .params(Timestamp.from(clock.instant().minus(minAge)), Timestamp.from(clock.instant()))
                .query(String.class).list();
        int started = 0;
        for (String batchNo : open) {
            if (SecurityContextUsers.runAsSystem(() -> start(batchNo))) {
                started++;
            }
        }
        return started;
    }

    @Scheduled(fixedDelayString = "${healthcard.floor.start-retry-interval:PT1M}",
            initialDelayString = "${healthcard.floor.start-retry-interval:PT1M}")
    void retryScheduled() {
        retryOpen(Duration.ofSeconds(30));
    }
}
