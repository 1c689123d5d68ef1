package cn.healthcard.samsupply;

import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ItemsReceived;
import cn.healthcard.sam.SamCardsArrived;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A receipt of SAM cards booked by logistics (a centre's warehouse-in, or a medical institution signing for its SAMs)
 * becomes {@link SamCardsArrived} for the SAM register, in the transaction that books it.
 */
@Component
class SamArrivals {

    private final ApplicationEventPublisher events;

    SamArrivals(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(ItemsReceived received) {
        if (received.kind() == ItemKind.SAM && !received.itemNos().isEmpty()) {
            events.publishEvent(new SamCardsArrived(received.shipmentNo(), received.placeCode(), received.itemNos()));
        }
    }
}
