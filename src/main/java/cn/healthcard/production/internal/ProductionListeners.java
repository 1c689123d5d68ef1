package cn.healthcard.production.internal;

import cn.healthcard.production.BatchProduction;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ReplaceLostCards;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Production's own reactions: a sealed batch completes its cards' cases; an instant card completes its order; cards lost
 * in transit are void and their cases queued again.
 */
@Component
class ProductionListeners {

    private final BatchProduction production;
    private final OrderStore orders;
    private final ProductionOrders productionOrders;

    ProductionListeners(BatchProduction production, OrderStore orders, ProductionOrders productionOrders) {
        this.production = production;
        this.productionOrders = productionOrders;
        this.orders = orders;
    }

    @EventListener
    public void on(BatchSealed sealed) {
        SecurityContextUsers.runAsSystem(() -> production.sealed(sealed));
    }

    /** Cards lost in transit (logistics' discrepancy handling): void, and their cases queued for a new card. */
    @EventListener
    public void on(ReplaceLostCards request) {
        SecurityContextUsers.runAsSystem(() -> productionOrders.replaceLost(request));
    }

    @EventListener
    public void on(CardProductionCompleted completed) {
        if (completed.instant()) {
            orders.completeInstant(completed.caseId(), completed.cardNo(), completed.chipSerial());
        }
    }
}
