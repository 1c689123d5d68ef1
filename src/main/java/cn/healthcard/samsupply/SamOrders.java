package cn.healthcard.samsupply;

import cn.healthcard.samsupply.SamSupplyEvents.SamOrderFailed;
import cn.healthcard.samsupply.internal.SamOrder;
import cn.healthcard.samsupply.internal.SamOrderRepository;
import cn.healthcard.samsupply.internal.SamPlanRepository;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends the orders of a plan to the SAM maker after the plan commits, and again every minute for any order still
 * without an answer ({@code healthcard.samsupply.order-retry-interval}). The call to the maker runs outside any
 * transaction; its answer is recorded by {@link SamMakerAnswers} (idempotent per order), a failure is counted on the
 * order and audited in a transaction of its own.
 */
@Component
public class SamOrders {

    private static final Logger log = LoggerFactory.getLogger(SamOrders.class);

    private final SamOrderRepository orders;
    private final SamPlanRepository plans;
    private final SamProductionPort maker;
    private final SamMakerAnswers answers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SamOrders(SamOrderRepository orders, SamPlanRepository plans, SamProductionPort maker, SamMakerAnswers answers,
              ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.orders = orders;
        this.plans = plans;
        this.maker = maker;
        this.answers = answers;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Sends one order (if still open) and records the answer; true when an answer was recorded now. */
    public boolean send(String orderNo) {
        return SecurityContextUsers.runAsSystem(() -> {
            SamProductionPort.Order request = transaction.execute(t -> orders.findById(orderNo)
                    .filter(o -> o.status() == SamOrderStatus.ORDERED)
                    .map(o -> new SamProductionPort.Order(o.orderNo(), o.makerCode(),
                            plans.findById(o.planNo()).orElseThrow().makerCreditCode(), o.quantity()))
                    .orElse(null));
            if (request == null) {
                return false;
            }
            try {
                SamProductionPort.Answer answer = maker.make(request);
                return Boolean.TRUE.equals(transaction.execute(t -> answers.record(answer)));
            } catch (RuntimeException e) {
                log.warn("SAM order {} failed: {}", orderNo, e.toString());
                transaction.executeWithoutResult(t -> orders.findById(orderNo).ifPresent(o -> {
                    o.failedAttempt(e.getMessage());
                    events.publishEvent(new SamOrderFailed(o.orderNo(), o.regionCode(), o.applicationNo(),
                            o.attempts(), String.valueOf(e.getMessage())));
                }));
                return false;
            }
        });
    }

    @Scheduled(fixedDelayString = "${healthcard.samsupply.order-retry-interval:PT1M}",
            initialDelayString = "${healthcard.samsupply.order-retry-interval:PT1M}")
    void retryScheduled() {
        retryOpen(Duration.ofSeconds(30));
    }

    /** Sends every open order placed more than {@code olderThan} ago; how many got their answer now. */
    public int retryOpen(Duration olderThan) {
        var before = clock.instant().minus(olderThan);
        return (int) SecurityContextUsers.runAsSystem(() -> transaction.execute(t ->
                        orders.findByStatusOrderByOrderedAt(SamOrderStatus.ORDERED).stream()
                                .filter(o -> o.orderedAt().isBefore(before)).map(SamOrder::orderNo).toList()))
                .stream().filter(this::send).count();
    }
}
