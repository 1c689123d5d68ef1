package cn.healthcard.ehc;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardView;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.EhcEvents.EhcBulkRunChanged;
import cn.healthcard.ehc.internal.BulkRun;
import cn.healthcard.ehc.internal.BulkRunRepository;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bulk job that opens e-cards for every existing physical-card holder (批量生成, EHC-03, 003 §5.2), marked
 * {@link EhcOrigin#BULK}. Admin-triggered; runs in the background, a page of cards (keyset order of card numbers) per
 * transaction as the system, saving its cursor with each page: a run that failed or was interrupted (node restart)
 * continues after its last page when started again. Idempotent: holders who have an e-card are skipped, so running
 * the job again opens nothing twice. One run at a time; the job runs on the node where it was started.
 */
@Service
public class EhcBulkService {

    private static final Logger log = LoggerFactory.getLogger(EhcBulkService.class);

    private final BulkRunRepository runs;
    private final CardService cards;
    private final EhcAccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int pageSize;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ehc-bulk-job");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Long> active = new AtomicReference<>();

    EhcBulkService(BulkRunRepository runs, CardService cards, EhcAccountService accounts,
                   ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
                   @Value("${healthcard.ehc.bulk.page-size:200}") int pageSize) {
        this.runs = runs;
        this.cards = cards;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.pageSize = pageSize;
    }

    /**
     * Starts the job, or continues the unfinished run (failed or interrupted); answers the run running on this node
     * when there is one. The work starts after this transaction commits.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public BulkRunView start() {
        Long running = active.get();
        if (running != null) {
            return runs.findById(running).map(BulkRun::toView).orElseThrow();
        }
        BulkRun run = runs.findFirstByStateNotOrderByIdDesc(BulkRunView.State.COMPLETED).orElse(null);
        String what;
        if (run == null) {
            run = runs.save(new BulkRun(clock.instant(), SecurityContextUsers.actor()));
            what = "开始批量生成电子健康卡";
        } else {
            run.resume(clock.instant());
            what = "继续批量生成电子健康卡（自卡号 " + (run.cursorCardNo() == null ? "起点" : run.cursorCardNo()) + " 之后）";
        }
        runs.flush();
        BulkRunView view = run.toView();
        events.publishEvent(new EhcBulkRunChanged(view.id(), view.state(), view.created(), view.skipped(), what));
        long id = view.id();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(id);
            }
        });
        return view;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public BulkRunView get(long runId) {
        return runs.findById(runId).map(BulkRun::toView)
                .orElseThrow(() -> new NotFoundException("批量任务不存在: " + runId));
    }

    /** The latest runs, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public List<BulkRunView> recent() {
        return runs.findTop20ByOrderByIdDesc().stream().map(BulkRun::toView).toList();
    }

    private void submit(long runId) {
        if (!active.compareAndSet(null, runId)) {
            return;
        }
        executor.submit(() -> {
            try {
                SecurityContextUsers.runAsSystem(() -> run(runId));
            } finally {
                active.set(null);
            }
        });
    }

    /** Pages through the held cards after the run's cursor until none is left. */
    private void run(long runId) {
        try {
            boolean more = true;
            while (more) {
                more = Boolean.TRUE.equals(transaction.execute(status -> page(runId)));
            }
        } catch (RuntimeException e) {
            log.error("E-card bulk run {} failed; start it again to continue after its last page", runId, e);
            transaction.executeWithoutResult(status -> runs.findById(runId).ifPresent(run -> {
                run.fail(e.toString(), clock.instant());
                BulkRunView view = run.toView();
                events.publishEvent(new EhcBulkRunChanged(runId, view.state(), view.created(), view.skipped(),
                        "批量生成失败"));
            }));
        }
    }

    /** One page in one transaction; false when the run is complete. */
    private boolean page(long runId) {
        BulkRun run = runs.findById(runId).orElseThrow();
        if (run.state() != BulkRunView.State.RUNNING) {
            return false;
        }
        List<CardView> page = cards.heldCardsAfter(run.cursorCardNo(), pageSize);
        if (page.isEmpty()) {
            run.complete(clock.instant());
            BulkRunView view = run.toView();
            events.publishEvent(new EhcBulkRunChanged(runId, view.state(), view.created(), view.skipped(),
                    "批量生成完成"));
            return false;
        }
        long created = 0;
        long skipped = 0;
        for (CardView card : page) {
            // empty: blacklisted holder, a document the e-card ID cannot take, or a province without e-card keys yet;
            // false: the holder has an e-card
            boolean opened = accounts.openForHolder(card, EhcOrigin.BULK, EhcChannel.BULK_JOB, runId, null)
                    .map(EhcRegistrationResult::created).orElse(false);
            if (opened) {
                created++;
            } else {
                skipped++;
            }
        }
        run.pageDone(page.get(page.size() - 1).cardNo(), page.size(), created, skipped, clock.instant());
        return true;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
