package cn.healthcard.lifecycle.process;

import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.ProductionEvents;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The card maker's answer for a replacement moves its process on to the pick-up (BPMN event
 * {@code replacementCardProduced}); a new card voided in transit is voided in the registry too, and the case's next
 * card takes its place at the pick-up (issue #13).
 */
@Component
class ReplacementCardProducedListener {

    private static final Logger log = LoggerFactory.getLogger(ReplacementCardProducedListener.class);

    private final CardRequestService requests;

    ReplacementCardProducedListener(CardRequestService requests) {
        this.requests = requests;
    }

    @EventListener
    public void on(CardProductionCompleted answer) {
        SecurityContextUsers.runAsSystem(() -> {
            if (requests.owns(answer.caseId())) {
                try {
                    requests.replacementCardProduced(answer.caseId(), answer.cardNo(), answer.chipSerial());
                } catch (RuntimeException e) {
                    log.error("card maker answer for request {} could not be applied", answer.caseId(), e);
                    throw e;
                }
            }
        });
    }

    /** A replacement's new card lost in transit and replaced: void in the registry, the request waits for the next. */
    @EventListener
    public void on(ProductionEvents.ProductionCardVoided voided) {
        if (ProductionEvents.ProductionCardVoided.REFUSED.equals(voided.reason())) {
            return; // a refused request voided nothing
        }
        SecurityContextUsers.runAsSystem(() -> {
            if (requests.owns(voided.caseId())) {
                requests.replacementCardVoided(voided.caseId(), voided.cardNo(), voided.reference());
            }
        });
    }
}
