package cn.healthcard.production.internal;

import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retried job announcing finished cards (BPM-04): each persisted completion is published as
 * {@link cn.healthcard.production.CardProductionCompleted} in a transaction of its own, so one case whose process
 * cannot take its card (deleted or migrated instance, duplicate card number) rolls back only itself. A failed attempt
 * is counted with its error; after {@code healthcard.production.correlation.max-attempts} the completion is PARKED
 * (listed for an admin) and the others go on.
 */
@Component
class CompletionPublisher {

    private static final Logger log = LoggerFactory.getLogger(CompletionPublisher.class);

    private final CompletionStore completions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate perCard;
    private final int maxAttempts;
    private final SystemJob system;

    CompletionPublisher(CompletionStore completions, ApplicationEventPublisher events,
                        PlatformTransactionManager transactions, SystemJob system,
                        @Value("${healthcard.production.correlation.max-attempts:5}") int maxAttempts) {
        this.system = system;
        this.completions = completions;
        this.events = events;
        this.perCard = new TransactionTemplate(transactions);
        this.perCard.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelayString = "${healthcard.production.correlation.interval:PT2S}",
            initialDelayString = "${healthcard.production.correlation.interval:PT2S}")
    void run() {
        system.run(this::publish);
    }

    /** One pass over the due completions; answers how many were announced. */
    int publish() {
        int published = 0;
        for (CompletionStore.Completion c : completions.due(500)) {
            try {
                Boolean done = SecurityContextUsers.runAsSystem(() -> perCard.execute(tx -> {
                    if (!completions.published(c.id())) {
                        return false;
                    }
                    events.publishEvent(c.event());
                    return true;
                }));
                published += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("card {} of case {} (batch {}) not announced (attempt {}): {}", c.cardNo(), c.caseId(),
                        c.batchNo(), c.attempts() + 1, e.getMessage());
                completions.failed(c.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), maxAttempts);
            }
        }
        return published;
    }
}
