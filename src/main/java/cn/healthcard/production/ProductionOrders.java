package cn.healthcard.production;

import cn.healthcard.production.internal.OrderStore;
import cn.healthcard.production.internal.OrderStore.Order;
import cn.healthcard.production.internal.ProductionSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * The production order of an approved case (BPM-04): one per case, unique in the database, so a retried job or a job
 * whose lock expired while the maker was still answering finds the existing order and never orders a second card.
 * Routed per desk: {@link ProductionRoute#INSTANT} calls {@link CardProductionPort#requestProduction} once per order;
 * {@link ProductionRoute#BATCH} queues the order for a production plan.
 */
@Service
public class ProductionOrders {

    private final OrderStore orders;
    private final CardProductionPort maker;
    private final ProductionSettings settings;
    private final ApplicationEventPublisher events;

    ProductionOrders(OrderStore orders, CardProductionPort maker, ProductionSettings settings,
                     ApplicationEventPublisher events) {
        this.orders = orders;
        this.maker = maker;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Orders the card of {@code request}'s case, or answers the existing order's reference when the case has one.
     *
     * @return the order's reference: the maker's reference (instant) or the order's id (batch)
     * @throws CardProductionException when the instant maker refuses or cannot be reached (the engine retries)
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public String requestCardProduction(ProductionRequest request) {
        Optional<Order> existing = orders.byCase(request.caseId());
        if (existing.isPresent()) {
            return existing.get().reference();
        }
        ProductionRoute route = settings.routeOf(request.institutionCode());
        Order order;
        try {
            order = orders.create(request, route);
        } catch (DuplicateKeyException e) {
            // another job of the same case inserted it concurrently: this one rolls back, its retry finds the order
            throw new CardProductionException("production order of case " + request.caseId() + " is being created");
        }
        String reference = order.id();
        if (route == ProductionRoute.INSTANT) {
            reference = maker.requestProduction(request);
            orders.instantRequested(order.id(), reference);
        }
        events.publishEvent(new ProductionEvents.ProductionOrdered(order.caseId(), order.regionCode(), reference,
                route.name(), order.deskCode()));
        return reference;
    }

    /** The wait for a case's card passed its deadline: audited; the process raises the incident. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void overdue(String caseId, String deadline) {
        String region = orders.byCase(caseId).map(Order::regionCode).orElse(null);
        events.publishEvent(new ProductionEvents.ProductionResultOverdue(caseId, region, deadline));
    }

    /** The order of a case, if it has one. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<OrderView> ofCase(String caseId) {
        return orders.byCase(caseId).map(Order::view);
    }

    /** What an order looks like from outside. */
    public record OrderView(String caseId, String regionCode, String deskCode, ProductionRoute route, String status,
                            String reference, String batchNo, String cardNo, int sends) {
    }
}
