package cn.healthcard.production.internal;

import cn.healthcard.common.DatabaseSequences;
import cn.healthcard.production.CardMakerSimulator;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.CardProductionException;
import cn.healthcard.production.CardProductionPort.BatchOrder;
import cn.healthcard.production.ProductionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful stand-in for a card maker. Instant: assigns a card number from a database sequence (6-digit region +
 * 12-digit serial, unique across restarts) and a chip serial, and answers after a delay on another thread. Batch:
 * answers every card of a submitted batch with the card number of its data file, through the same persisted results as
 * the drop folder ({@link ResultStore}). Either only once the ordering transaction has committed, as a real maker
 * would only see committed orders.
 */
@Component
public class SimulatedCardMaker implements CardMakerSimulator {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardMaker.class);

    private final DatabaseSequences sequences;
    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    private final ResultStore results;
    private final Clock clock;
    private final Duration answerDelay;
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, String> failingCards = new ConcurrentHashMap<>();

    SimulatedCardMaker(DatabaseSequences sequences, ApplicationEventPublisher events, TaskScheduler scheduler,
                       ResultStore results, Clock clock,
                       @Value("${healthcard.production.simulator.answer-delay:PT5S}") Duration answerDelay) {
        this.sequences = sequences;
        this.events = events;
        this.scheduler = scheduler;
        this.results = results;
        this.clock = clock;
        this.answerDelay = answerDelay;
    }

    /** The desk printer's per-card order (instant issuance). */
    public String instant(ProductionRequest request) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CardProductionException("制卡机构不可用 (simulated outage)");
        }
        String ref = "SIM-" + UUID.randomUUID();
        String cardNo = request.regionCode() + String.format("%012d", sequences.next("card_no_seq"));
        var answer = new CardProductionCompleted(request.caseId(), ref, cardNo, chipSerial(), null,
                request.institutionCode());
        afterCommit(() -> {
            log.info("simulated card maker answers order {} with card {}", ref, cardNo);
            events.publishEvent(answer);
        });
        return ref;
    }

    /** Answers every card of the batch, as persisted results, after the answer delay. */
    public void answer(BatchOrder order) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CardProductionException("制卡机构不可用 (simulated outage)");
        }
        List<ResultStore.Arrived> answers = new ArrayList<>();
        for (var card : order.cards()) {
            String reason = failingCards.remove(card.caseId());
            answers.add(reason == null
                    ? new ResultStore.Arrived(order.batchNo(), card.caseId(), "PRODUCED", card.cardNo(), chipSerial(),
                    null)
                    : new ResultStore.Arrived(order.batchNo(), card.caseId(), "FAILED", card.cardNo(), null, reason));
        }
        afterCommit(() -> {
            log.info("simulated card maker answers batch {} ({} cards)", order.batchNo(), answers.size());
            results.persist(answers, "simulator");
        });
    }

    private void afterCommit(Runnable answer) {
        Runnable deliver = () -> scheduler.schedule(answer, clock.instant().plus(answerDelay));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver.run();
                }
            });
        } else {
            deliver.run();
        }
    }

    private static String chipSerial() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void failNext(int count) {
        failures.set(Math.max(0, count));
    }

    @Override
    public int pendingFailures() {
        return failures.get();
    }

    @Override
    public void failCards(Collection<String> caseIds, String reason) {
        caseIds.forEach(c -> failingCards.put(c, reason == null ? "模拟制卡失败" : reason));
    }
}
