package cn.healthcard.issuance.process;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.ProductionEvents;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The card maker's answer moves the waiting process on to the pick-up task (BPMN event {@code cardProduced}). */
@Component
class CardProducedListener {

    private static final Logger log = LoggerFactory.getLogger(CardProducedListener.class);

    private final CardApplicationService applications;

    CardProducedListener(CardApplicationService applications) {
        this.applications = applications;
    }

    @EventListener
    public void on(CardProductionCompleted answer) {
        try {
            SecurityContextUsers.runAsSystem(() -> {
                if (applications.owns(answer.caseId())) {
                    applications.cardProduced(answer);
                }
            });
        } catch (RuntimeException e) {
            log.error("card maker answer for application {} could not be applied", answer.caseId(), e);
            throw e;
        }
    }

    /** A card lost in transit and replaced: void in the registry, the application waits for the new card. */
    @EventListener
    public void on(ProductionEvents.ProductionCardVoided voided) {
        if (ProductionEvents.ProductionCardVoided.REFUSED.equals(voided.reason())) {
            return; // a refused request voided nothing
        }
        SecurityContextUsers.runAsSystem(() -> {
            if (applications.owns(voided.caseId())) {
                applications.cardVoided(voided.caseId(), voided.cardNo(), voided.reference());
            }
        });
    }
}
