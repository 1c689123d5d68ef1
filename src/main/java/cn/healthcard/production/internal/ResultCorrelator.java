package cn.healthcard.production.internal;

import cn.healthcard.production.BatchProduction;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retried correlation job (BPM-04): applies the maker's persisted answers one by one, each in its own transaction.
 * A failed attempt is counted with its error; after {@code healthcard.production.correlation.max-attempts} the answer
 * is PARKED (listed for an admin) and the others go on.
 */
@Component
class ResultCorrelator {

    private static final Logger log = LoggerFactory.getLogger(ResultCorrelator.class);

    private final ResultStore results;
    private final PlanStore plans;
    private final BatchProduction production;
    private final int maxAttempts;
    private final SystemJob system;

    ResultCorrelator(ResultStore results, PlanStore plans, BatchProduction production, SystemJob system,
                     @Value("${healthcard.production.correlation.max-attempts:5}") int maxAttempts) {
        this.system = system;
        this.results = results;
        this.plans = plans;
        this.production = production;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelayString = "${healthcard.production.correlation.interval:PT2S}",
            initialDelayString = "${healthcard.production.correlation.interval:PT2S}")
    void run() {
        system.run(this::correlate);
    }

    /** One pass over the pending answers; answers how many were applied. */
    int correlate() {
        int applied = 0;
        java.util.Set<String> batches = new java.util.LinkedHashSet<>();
        for (ResultStore.Result result : results.pending(1000)) {
            try {
                SecurityContextUsers.runAsSystem(() -> production.apply(result));
                batches.add(result.batchNo());
                applied++;
            } catch (RuntimeException e) {
                log.warn("production result {} of batch {} case {} not applied (attempt {}): {}", result.id(),
                        result.batchNo(), result.caseId(), result.attempts() + 1, e.getMessage());
                results.failed(result.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), maxAttempts);
            }
        }
        // one count per batch and pass, not one per card; every batch in production, so a batch whose finishing
        // failed in an earlier pass is finished by a later one
        plans.batches(null, null, null, "IN_PRODUCTION", null, null, null, 1000).forEach(b -> batches.add(b.batchNo()));
        for (String batchNo : batches) {
            try {
                SecurityContextUsers.runAsSystem(() -> production.finishIfAnswered(batchNo));
            } catch (RuntimeException e) {
                log.warn("batch {} not finished now, retried next pass: {}", batchNo, e.getMessage());
            }
        }
        return applied;
    }
}
