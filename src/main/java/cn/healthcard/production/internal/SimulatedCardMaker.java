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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful stand-in for a card maker. Instant: assigns a card number from a database sequence (6-digit region +
 * 12-digit serial, unique across restarts) and a chip serial, and persists the answer with the order
 * ({@link CompletionStore}), announced by the retried job once the answer delay has passed. Batch: a sweep answers every card of a batch in production with the card
 * number of its data file, once the answer delay has passed since its start, through the same persisted results as the
 * drop folder ({@link ResultStore}); it works from the database, so a restart loses nothing.
 */
@Component
public class SimulatedCardMaker implements CardMakerSimulator {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardMaker.class);

    private final DatabaseSequences sequences;
    private final CompletionStore completions;
    private final ResultStore results;
    private final PlanStore plans;
    private final OrderStore orders;
    private final boolean simulatorAdapter;
    private final Clock clock;
    private final Duration answerDelay;
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, String> failingCards = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    SimulatedCardMaker(DatabaseSequences sequences, CompletionStore completions, ResultStore results, PlanStore plans, OrderStore orders, Clock clock,
                       @Value("${healthcard.production.simulator.answer-delay:PT5S}") Duration answerDelay,
                       @Value("${healthcard.production.adapter:simulator}") String adapter) {
        this.sequences = sequences;
        this.completions = completions;
        this.results = results;
        this.plans = plans;
        this.orders = orders;
        this.simulatorAdapter = "simulator".equals(adapter);
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
        // persisted with the order: announced by the retried job once the answer delay has passed, so a restart
        // loses nothing and the answer exists only if the ordering transaction commits
        completions.add(answer, request.regionCode(), answerDelay);
        log.info("simulated card maker answers order {} with card {}", ref, cardNo);
        return ref;
    }

    /**
     * Takes a batch into production: the answers follow from {@link #answerDueBatches} once the answer delay has
     * passed since the batch's start. Nothing is held in memory but the drill's chosen failures: a restart loses no
     * answer, the sweep finds the started batch in the database.
     */
    public void answer(BatchOrder order) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CardProductionException("制卡机构不可用 (simulated outage)");
        }
        log.info("simulated card maker takes batch {} ({} cards)", order.batchNo(), order.cards().size());
    }

    /** The simulated line answers every card still without an answer of batches started at least a delay ago. */
    @Scheduled(fixedDelayString = "${healthcard.production.correlation.interval:PT2S}",
            initialDelayString = "${healthcard.production.correlation.interval:PT2S}")
    void answerDueBatches() {
        if (!simulatorAdapter) {
            return;
        }
        for (PlanStore.Batch batch : plans.batches(null, null, null, "IN_PRODUCTION", null, null, null, 1000)) {
            if (batch.startedAt() == null || batch.startedAt().plus(answerDelay).isAfter(clock.instant())
                    || held.contains(batch.batchNo())) {
                continue;
            }
            Set<String> answered = new HashSet<>();
            results.ofBatch(batch.batchNo()).forEach(r -> answered.add(r.caseId()));
            List<ResultStore.Arrived> answers = new ArrayList<>();
            for (OrderStore.Order o : orders.ofBatch(batch.batchNo())) {
                if (answered.contains(o.caseId()) || o.status() != OrderStore.Status.RELEASED) {
                    continue;
                }
                String reason = failingCards.remove(o.caseId());
                answers.add(reason == null
                        ? new ResultStore.Arrived(batch.batchNo(), o.caseId(), "PRODUCED", o.cardNo(), chipSerial(),
                        null)
                        : new ResultStore.Arrived(batch.batchNo(), o.caseId(), "FAILED", o.cardNo(), null, reason));
            }
            if (!answers.isEmpty()) {
                log.info("simulated card maker answers batch {} ({} cards)", batch.batchNo(), answers.size());
                results.persist(answers, "simulator");
            }
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
    public void hold(String batchNo) {
        held.add(batchNo);
    }

    @Override
    public void failCards(Collection<String> caseIds, String reason) {
        caseIds.forEach(c -> failingCards.put(c, reason == null ? "模拟制卡失败" : reason));
    }
}
