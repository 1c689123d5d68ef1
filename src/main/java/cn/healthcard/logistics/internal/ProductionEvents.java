package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.StockService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.security.SecurityContextUsers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * Stock and shipments follow production through a persisted inbox (decision 029): a sealed batch becomes stock at the
 * maker and a shipment to the centre; a card made becomes (or names the case of) its stock item. The event is stored
 * in the publisher's transaction (it exists only if the sealing or the order completion commits) and handled after
 * that commit in a transaction of its own, so a failure here never rolls back the sender. An event whose handling
 * failed stays open and is retried ({@link #retryOpen}) until it succeeds; the handlers are idempotent and a sealed
 * batch has at most one maker → centre shipment (unique in the database). Until its stock item exists a card's
 * pick-up is refused (APP-10). Published outside a transaction (the card maker simulator's answer), the event is
 * stored and handled at once in transactions of its own; these listeners run first, so the stock exists before the
 * other listeners move the case to its pick-up step. The floor's {@code BoxResealed} takes the same way
 * ({@link BoxReseals}).
 */
@Component
public class ProductionEvents {

    static final String BATCH_SEALED = "BatchSealed";
    static final String CARD_PRODUCED = "CardProductionCompleted";
    /** Attempts after which an event is left for an administrator (it stays in the inbox with its last error). */
    static final int MAX_ATTEMPTS = 100;
    private static final Logger log = LoggerFactory.getLogger(ProductionEvents.class);

    private final StockService stock;
    private final ShipmentService shipments;
    private final InboxRepository inbox;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ObjectProvider<BoxReseals> reseals;

    ProductionEvents(StockService stock, ShipmentService shipments, InboxRepository inbox, ObjectMapper json,
                     PlatformTransactionManager transactions, Clock clock, ObjectProvider<BoxReseals> reseals) {
        this.stock = stock;
        this.shipments = shipments;
        this.inbox = inbox;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.reseals = reseals;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(BatchSealed batch) {
        keep(BATCH_SEALED, batch.batchNo(), batch);
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(CardProductionCompleted answer) {
        keep(CARD_PRODUCED, answer.cardNo(), answer);
    }

    /**
     * Handles now, each in its own transaction, the card's answer that is still waiting for its turn after the
     * producer's commit: a pick-up asking for a card a moment after it was announced finds its stock record.
     */
    public void handlePending(String cardNo) {
        inbox.findByEventTypeAndEventKeyAndDoneAtIsNull(CARD_PRODUCED, cardNo).forEach(e -> handle(e.id()));
    }

    /**
     * Handles the open events received more than {@code minAge} ago (a failed one, or one whose node stopped before
     * handling it); the number handled successfully.
     */
    public int retryOpen(Duration minAge) {
        int handled = 0;
        for (InboxEntry e : inbox.findByDoneAtIsNullAndReceivedAtBeforeAndAttemptsLessThanOrderByReceivedAt(
                clock.instant().minus(minAge), MAX_ATTEMPTS, Limit.of(200))) {
            if (handle(e.id())) {
                handled++;
            }
        }
        return handled;
    }

    @Scheduled(fixedDelayString = "${healthcard.logistics.inbox-retry-interval:PT1M}",
            initialDelayString = "${healthcard.logistics.inbox-retry-interval:PT1M}")
    void retryScheduled() {
        retryOpen(Duration.ofSeconds(30));
    }

    /** Keeps an event in the inbox (in the publisher's transaction if there is one) and handles it after commit. */
    void keep(String type, String key, Object event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep " + type + " " + key, e);
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            String id = inbox.save(new InboxEntry(type, key, payload, clock.instant())).id();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    handle(id);
                }
            });
        } else {
            String id = ownTransaction.execute(t -> inbox.save(new InboxEntry(type, key, payload, clock.instant()))
                    .id());
            handle(id);
        }
    }

    /** Handles one event in its own transaction; a failure is recorded on the entry and logged. */
    private boolean handle(String id) {
        try {
            ownTransaction.executeWithoutResult(t -> inbox.findById(id).filter(e -> !e.isDone()).ifPresent(e -> {
                SecurityContextUsers.runAsSystem(() -> dispatch(e));
                e.done(clock.instant());
                inbox.saveAndFlush(e);
            }));
            return true;
        } catch (RuntimeException ex) {
            log.error("production event {} {} could not be put into stock and shipments yet; it stays open", id,
                    ex.getMessage(), ex);
            try {
                ownTransaction.executeWithoutResult(t -> inbox.findById(id)
                        .ifPresent(e -> e.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage())));
            } catch (RuntimeException again) {
                log.warn("could not record the failure of production event {}", id, again);
            }
            return false;
        }
    }

    private void dispatch(InboxEntry e) {
        try {
            switch (e.eventType()) {
                case BATCH_SEALED -> shipments.batchSealed(json.readValue(e.payload(), BatchSealed.class));
                case CARD_PRODUCED -> stock.cardProduced(json.readValue(e.payload(), CardProductionCompleted.class));
                case BoxReseals.BOX_RESEALED -> reseals.getObject().apply(json.readValue(e.payload(),
                        cn.healthcard.floor.BoxResealed.class), e.attempts());
                case BoxReseals.BOX_HELD -> reseals.getObject().hold(json.readValue(e.payload(),
                        cn.healthcard.floor.BoxHeld.class));
                default -> throw new IllegalStateException("unknown event type " + e.eventType());
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("unreadable " + e.eventType() + " " + e.eventKey(), ex);
        }
    }
}
