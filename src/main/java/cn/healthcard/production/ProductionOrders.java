package cn.healthcard.production;

import cn.healthcard.production.internal.CompletionStore;
import cn.healthcard.production.internal.OrderStore;
import cn.healthcard.production.internal.VoidCards;
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
    private final VoidCards voids;
    private final CompletionStore completions;

    ProductionOrders(OrderStore orders, CardProductionPort maker, ProductionSettings settings,
                     ApplicationEventPublisher events, VoidCards voids, CompletionStore completions) {
        this.voids = voids;
        this.completions = completions;
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

    /**
     * Cards lost or damaged in transit whose replacement was agreed: each lost card is recorded void for good (it can
     * never be issued or announced) and its case's order goes back to the queue, so the next plan makes the case a
     * new card (a new production round, {@code sends} + 1 at its release). Idempotent: a card already void, or a case
     * whose order no longer holds that card, changes nothing. An instant order is voided but not queued (its desk's
     * printer is asked again by the case, not by a plan).
     *
     * @return how many orders were queued again
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public int replaceLost(ReplaceLostCards request) {
        int queued = 0;
        for (ReplaceLostCards.LostCard card : request.cards()) {
            if (card.caseId() == null || card.cardNo() == null) {
                continue;
            }
            Optional<Order> order = orders.byCaseForUpdate(card.caseId());
            if (order.isEmpty() || voids.isVoid(card.cardNo())) {
                continue; // not ours, or a replay
            }
            Order o = order.get();
            if (!card.cardNo().equals(o.cardNo()) || o.status() != OrderStore.Status.COMPLETED) {
                // not this case's finished card (another case's number, a card not yet sealed and shipped):
                // nothing is voided; the refusal is audited
                events.publishEvent(new ProductionEvents.ProductionCardVoided(card.cardNo(), o.regionCode(),
                        o.caseId(), o.batchNo(), ProductionEvents.ProductionCardVoided.REFUSED, request.reference(), false));
                continue;
            }
            String reason = card.reason() == null ? "LOST" : card.reason();
            voids.add(card.cardNo(), o.caseId(), o.batchNo(), o.regionCode(), Math.max(1, o.sends()), reason,
                    request.reference());
            completions.voidCard(o.caseId(), card.cardNo());
            boolean requeued = o.route() == ProductionRoute.BATCH && orders.requeueReplaced(o.caseId(), card.cardNo());
            if (requeued) {
                queued++;
            }
            events.publishEvent(new ProductionEvents.ProductionCardVoided(card.cardNo(), o.regionCode(), o.caseId(),
                    o.batchNo(), reason, request.reference(), requeued));
        }
        return queued;
    }

    /** Whether a card number is void (lost or damaged in transit and replaced): it must never be issued. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public boolean isVoid(String cardNo) {
        return voids.isVoid(cardNo);
    }

    /**
     * Whether a card of {@code caseId} was voided: the case is in a replacement round, its process already waits at
     * pick-up, and the new card's completion replaces the void number there.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public boolean inReplacementRound(String caseId) {
        return voids.anyOfCase(caseId);
    }

    /** What an order looks like from outside. */
    public record OrderView(String caseId, String regionCode, String deskCode, ProductionRoute route, String status,
                            String reference, String batchNo, String cardNo, int sends) {
    }
}
