package cn.healthcard.production.internal;

import cn.healthcard.common.DatabaseSequences;
import cn.healthcard.production.CardMakerSimulator;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.CardProductionException;
import cn.healthcard.production.CardProductionPort;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful stand-in for a card maker: accepts an order, assigns a card number from a database sequence
 * (6-digit region + 12-digit serial, unique across restarts) and a chip serial, and answers after a delay on another
 * thread — only once the ordering transaction has committed, as a real maker would only see committed orders.
 */
@Component
class SimulatedCardMaker implements CardProductionPort, CardMakerSimulator {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardMaker.class);

    private final DatabaseSequences sequences;
    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Duration answerDelay;
    private final AtomicInteger failures = new AtomicInteger();

    SimulatedCardMaker(DatabaseSequences sequences, ApplicationEventPublisher events, TaskScheduler scheduler,
                       Clock clock, @Value("${healthcard.production.simulator.answer-delay:PT5S}") Duration answerDelay) {
        this.sequences = sequences;
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.answerDelay = answerDelay;
    }

    @Override
    public String requestProduction(ProductionRequest request) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CardProductionException("制卡机构不可用 (simulated outage)");
        }
        String ref = "SIM-" + UUID.randomUUID();
        String cardNo = request.regionCode() + String.format("%012d", sequences.next("card_no_seq"));
        String chipSerial = String.format("%016X", java.util.concurrent.ThreadLocalRandom.current().nextLong());
        var answer = new CardProductionCompleted(request.caseId(), ref, cardNo, chipSerial, null,
                request.institutionCode());
        Runnable deliver = () -> scheduler.schedule(() -> {
            log.info("simulated card maker answers order {} with card {}", ref, cardNo);
            events.publishEvent(answer);
        }, clock.instant().plus(answerDelay));
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
        return ref;
    }

    @Override
    public void failNext(int count) {
        failures.set(Math.max(0, count));
    }

    @Override
    public int pendingFailures() {
        return failures.get();
    }
}
