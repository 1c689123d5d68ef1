package cn.healthcard.samsupply;

import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.ProductType;
import cn.healthcard.samsupply.SamSupplyEvents.SamOrderFailed;
import cn.healthcard.samsupply.internal.SamOrderRepository;
import cn.healthcard.samsupply.internal.SamPlanRepository;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends orders to the SAM maker (decision 031). After a plan commits its orders are handed to a background sender
 * ({@link #sendLater}) — never called in the request's thread; the scheduler sends again every minute what is due
 * ({@code healthcard.samsupply.order-retry-interval}), at most {@value #BATCH} orders a run.
 * <p>
 * One send: the order is first <em>claimed</em> (a conditional update ORDERED → SENDING; another thread or node that
 * holds it, or a settled order, is left alone); the maker's SAM filing is checked again (none in force: FAILED
 * {@value SamPlanningService#MAKER_NOT_FILED}); an answer stored before is applied without asking the maker again,
 * otherwise the maker is called outside any transaction with a timeout ({@code healthcard.samsupply.maker-timeout}),
 * its answer stored ({@link SamMakerAnswers#keep}) and then applied ({@link SamMakerAnswers#apply}). A refused
 * (malformed) answer fails the order at once; any other failure is counted, audited and tried again with a growing
 * back-off until {@code healthcard.samsupply.order-max-attempts} are used up, then the order is FAILED.
 */
@Component
public class SamOrders {

    /** Orders the scheduler sends in one run. */
    public static final int BATCH = 200;
    /** A SENDING claim older than this is taken as left by a sender that died. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SamOrders.class);

    private final SamOrderRepository orders;
    private final SamPlanRepository plans;
    private final SamProductionPort maker;
    private final SamMakerAnswers answers;
    private final FiledProducts filed;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration timeout;
    private final int maxAttempts;
    private final ExecutorService calls = Executors.newCachedThreadPool(daemon("sam-maker-call"));
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemon("sam-order-sender"));

    SamOrders(SamOrderRepository orders, SamPlanRepository plans, SamProductionPort maker, SamMakerAnswers answers,
              FiledProducts filed, ApplicationEventPublisher events, PlatformTransactionManager transactions,
              Clock clock, @Value("${healthcard.samsupply.maker-timeout:PT30S}") Duration timeout,
              @Value("${healthcard.samsupply.order-max-attempts:20}") int maxAttempts) {
        this.orders = orders;
        this.plans = plans;
        this.maker = maker;
        this.answers = answers;
        this.filed = filed;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
    }

    /** Hands the orders to the background sender (after a plan's commit). */
    public void sendLater(List<String> orderNos) {
        List<String> copy = List.copyOf(orderNos);
        background.execute(() -> copy.forEach(no -> {
            try {
                send(no);
            } catch (RuntimeException e) {
                log.warn("SAM order {} not sent: {}", no, e.toString());
            }
        }));
    }

    /** Sends one order if this caller can claim it and records the answer; true when an answer was applied now. */
    public boolean send(String orderNo) {
        return SecurityContextUsers.runAsSystem(() -> {
            var now = clock.instant();
            SamProductionPort.Order request = transaction.execute(t -> {
                if (orders.claim(orderNo, now, now.minus(LEASE), SamOrderStatus.ORDERED,
                        SamOrderStatus.SENDING) == 0) {
                    return null;
                }
                var o = orders.findById(orderNo).orElseThrow();
                String credit = plans.findById(o.planNo()).orElseThrow().makerCreditCode();
                if (!filed.hasFilingInForce(ProductType.SAM, credit)) {
                    o.refused(SamPlanningService.MAKER_NOT_FILED + ": 制卡机构 " + o.makerCode()
                            + " 已没有有效的SAM卡产品备案");
                    events.publishEvent(new SamOrderFailed(o.orderNo(), o.regionCode(), o.applicationNo(),
                            o.attempts(), o.lastError()));
                    return null;
                }
                return new SamProductionPort.Order(o.orderNo(), o.makerCode(), credit, o.quantity());
            });
            if (request == null) {
                return false;
            }
            try {
                if (!answers.kept(orderNo)) {
                    keep(call(request));
                }
                if (Boolean.TRUE.equals(transaction.execute(t -> answers.apply(orderNo)))) {
                    return true;
                }
                failed(orderNo, new IllegalStateException("answer not applied"), false);
                return false;
            } catch (SamMakerAnswers.AnswerRefused e) {
                failed(orderNo, e, true);
                return false;
            } catch (RuntimeException e) {
                failed(orderNo, e, false);
                return false;
            }
        });
    }

    /** Records an answer the maker sent (keep, then apply); false when it was recorded before (a replay). */
    public boolean record(SamProductionPort.Answer answer) {
        return SecurityContextUsers.runAsSystem(() -> {
            keep(answer);
            return Boolean.TRUE.equals(transaction.execute(t -> answers.apply(answer.orderNo())));
        });
    }

    private void keep(SamProductionPort.Answer answer) {
        try {
            answers.keep(answer);
        } catch (DataIntegrityViolationException replay) {
            log.info("SAM order {}: answer stored by another sender a moment ago", answer.orderNo());
        }
    }

    private SamProductionPort.Answer call(SamProductionPort.Order request) {
        CompletableFuture<SamProductionPort.Answer> answer = CompletableFuture.supplyAsync(() -> maker.make(request),
                calls);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SamProductionPort.SamMakerUnavailable("SAM制卡机构 " + request.makerCode() + " 在 "
                    + timeout.toSeconds() + " 秒内没有应答");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SamProductionPort.SamMakerUnavailable("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void failed(String orderNo, RuntimeException e, boolean refused) {
        log.warn("SAM order {} failed{}: {}", orderNo, refused ? " (answer refused)" : "", e.toString());
        transaction.executeWithoutResult(t -> orders.findById(orderNo)
                .filter(o -> o.status() == SamOrderStatus.SENDING).ifPresent(o -> {
                    String error = String.valueOf(e.getMessage());
                    if (refused) {
                        o.refused(error);
                    } else {
                        o.failedAttempt(error, maxAttempts, backOff(o.attempts() + 1), clock.instant());
                    }
                    events.publishEvent(new SamOrderFailed(o.orderNo(), o.regionCode(), o.applicationNo(),
                            o.attempts(), error));
                }));
    }

    /** 1, 2, 4 … minutes after the n-th failed attempt, at most 6 hours. */
    static Duration backOff(int attempt) {
        return Duration.ofMinutes(Math.min(1L << Math.min(Math.max(attempt - 1, 0), 9), 360));
    }

    @Scheduled(fixedDelayString = "${healthcard.samsupply.order-retry-interval:PT1M}",
            initialDelayString = "${healthcard.samsupply.order-retry-interval:PT1M}")
    void retryScheduled() {
        retryDue();
    }

    /** Sends the orders due now (at most {@value #BATCH}); how many got their answer applied. */
    public int retryDue() {
        var now = clock.instant();
        List<String> due = SecurityContextUsers.runAsSystem(() -> transaction.execute(t -> orders.due(now,
                now.minus(LEASE), SamOrderStatus.ORDERED, SamOrderStatus.SENDING, PageRequest.of(0, BATCH))));
        return (int) due.stream().filter(this::send).count();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
        calls.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
