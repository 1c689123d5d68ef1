package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.StockService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stock and shipments follow production: a sealed batch becomes stock at the maker and a shipment to the centre; a
 * card made becomes (or names the case of) its stock item. They run first among the listeners of these events, so
 * the stock item exists before the case moves to its pick-up step; a failure here is logged and does not stop the
 * case (the pick-up check then refuses the card until its stock is put right).
 */
@Component
class ProductionEvents {

    private static final Logger log = LoggerFactory.getLogger(ProductionEvents.class);

    private final StockService stock;
    private final ShipmentService shipments;

    ProductionEvents(StockService stock, ShipmentService shipments) {
        this.stock = stock;
        this.shipments = shipments;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(BatchSealed batch) {
        try {
            SecurityContextUsers.runAsSystem(() -> shipments.batchSealed(batch));
        } catch (RuntimeException e) {
            log.error("sealed batch {} could not be put into stock and shipped", batch.batchNo(), e);
        }
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(CardProductionCompleted answer) {
        try {
            SecurityContextUsers.runAsSystem(() -> stock.cardProduced(answer));
        } catch (RuntimeException e) {
            log.error("card {} of case {} could not be put into stock", answer.cardNo(), answer.caseId(), e);
        }
    }
}
