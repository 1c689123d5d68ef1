package cn.healthcard.production.internal;

import cn.healthcard.production.BatchProduction;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Production's own reactions: a sealed batch completes its cards' cases; an instant card completes its order. */
@Component
class ProductionListeners {

    private final BatchProduction production;
    private final OrderStore orders;

    ProductionListeners(BatchProduction production, OrderStore orders) {
        this.production = production;
        this.orders = orders;
    }

    @EventListener
    public void on(BatchSealed sealed) {
        SecurityContextUsers.runAsSystem(() -> production.sealed(sealed));
    }

    @EventListener
    public void on(CardProductionCompleted completed) {
        if (completed.instant()) {
            orders.completeInstant(completed.caseId(), completed.cardNo(), completed.chipSerial());
        }
    }
}
