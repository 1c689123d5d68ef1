package cn.healthcard.logistics.internal;

import cn.healthcard.floor.BoxResealed;
import cn.healthcard.logistics.LogisticsEvents.ShipmentEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A box repacked in the maker's store under a new seal ({@code floor.BoxResealed}, PER-12) for the receipt of its
 * shipment maker → centre (decision 029). The event goes through the logistics inbox like production's events
 * ({@link ProductionEvents}): kept in the floor's transaction, handled after its commit, retried until handled.
 * <ul>
 * <li>Applied while the shipment is still at the maker (CREATED): the box carries the new seal, its count and card
 * range are what it now holds; a card that left it (a short recount) is DAMAGED at the maker and no longer travels;
 * the old seal stays in {@code shipment_box_seal}.</li>
 * <li>Replayed (the new seal is already in the history): nothing.</li>
 * <li>Early (the box does not carry the event's old seal yet, an earlier reseal is still on its way, or the shipment
 * does not exist yet): it fails and stays in the inbox until its predecessor is applied.</li>
 * <li>After the shipment left the maker (DISPATCHED or later): the box that travels is the one with the seal it left
 * with, so nothing changes; the reseal is kept as AFTER_DISPATCH and audited ({@link BoxResealedAfterDispatch}) for
 * the receiver's discrepancy handling.</li>
 * </ul>
 */
@Component
public class BoxReseals {

    static final String BOX_RESEALED = "BoxResealed";
    static final String APPLIED = "APPLIED";
    static final String AFTER_DISPATCH = "AFTER_DISPATCH";

    private final ProductionEvents inbox;
    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BoxReseals(ProductionEvents inbox, JdbcClient db, ApplicationEventPublisher events, Clock clock) {
        this.inbox = inbox;
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(BoxResealed resealed) {
        inbox.keep(BOX_RESEALED, resealed.boxNo(), resealed);
    }

    /** Handles one reseal (in the inbox's transaction, as SYSTEM); see the class comment. */
    void apply(BoxResealed e) {
        record Target(String id, String shipmentNo, String status, String receiverRegion) {
        }
        Target s = db.sql("SELECT id, shipment_no, status, receiver_region FROM shipment WHERE sealed_batch_no = ?"
                        + " FOR UPDATE")
                .param(e.batchNo()).query(Target.class).optional()
                .orElseThrow(() -> new IllegalStateException("batch " + e.batchNo() + " has no shipment yet"));
        boolean known = db.sql("SELECT COUNT(*) FROM shipment_box_seal WHERE shipment_id = ? AND box_no = ?"
                        + " AND new_seal_no = ?")
                .params(s.id(), e.boxNo(), e.newSealNo()).query(Integer.class).single() > 0;
        if (known) {
            return;
        }
        String current = db.sql("SELECT seal_no FROM shipment_box WHERE shipment_id = ? AND box_no = ?")
                .params(s.id(), e.boxNo()).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("box " + e.boxNo() + " is not in shipment "
                        + s.shipmentNo()));
        if (!"CREATED".equals(s.status())) {
            history(s.id(), e, AFTER_DISPATCH);
            events.publishEvent(new BoxResealedAfterDispatch(s.shipmentNo(), s.receiverRegion(), e.boxNo(),
                    e.oldSealNo(), e.newSealNo(), s.status()));
            return;
        }
        if (!e.oldSealNo().equals(current)) {
            throw new IllegalStateException("box " + e.boxNo() + " carries seal " + current + ", not " + e.oldSealNo()
                    + ": an earlier reseal has not arrived yet");
        }
        Set<String> holds = new HashSet<>(e.cardNos());
        List<String> boxed = db.sql("SELECT card_no FROM stock_item WHERE shipment_no = ? AND box_no = ?")
                .params(s.shipmentNo(), e.boxNo()).query(String.class).list();
        Timestamp now = Timestamp.from(clock.instant());
        int left = 0;
        for (String cardNo : boxed) {
            if (!holds.contains(cardNo)) {
                left += db.sql("UPDATE stock_item SET status = 'DAMAGED', shipment_no = NULL, updated_by = 'SYSTEM',"
                                + " updated_at = ?, version = version + 1 WHERE card_no = ?")
                        .params(now, cardNo).update();
            }
        }
        List<String> sorted = e.cardNos().stream().filter(boxed::contains).sorted().toList();
        if (sorted.isEmpty()) {
            db.sql("UPDATE shipment_box SET seal_no = ?, card_count = 0 WHERE shipment_id = ? AND box_no = ?")
                    .params(e.newSealNo(), s.id(), e.boxNo()).update();
        } else {
            db.sql("UPDATE shipment_box SET seal_no = ?, card_count = ?, first_card = ?, last_card = ?"
                            + " WHERE shipment_id = ? AND box_no = ?")
                    .params(e.newSealNo(), sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1), s.id(),
                            e.boxNo()).update();
        }
        if (left > 0) {
            db.sql("UPDATE shipment SET card_count = card_count - ?, version = version + 1 WHERE id = ?")
                    .params(left, s.id()).update();
        }
        history(s.id(), e, APPLIED);
        events.publishEvent(new BoxResealRecorded(s.shipmentNo(), s.receiverRegion(), e.boxNo(), e.oldSealNo(),
                e.newSealNo(), sorted.size(), left));
    }

    private void history(String shipmentId, BoxResealed e, String outcome) {
        db.sql("INSERT INTO shipment_box_seal (id, shipment_id, box_no, old_seal_no, new_seal_no, card_count, outcome,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), shipmentId, e.boxNo(), e.oldSealNo(), e.newSealNo(),
                        e.cardNos().size(), outcome, Timestamp.from(clock.instant())).update();
    }

    /** A box of the shipment now carries a new seal and holds {@code cards}; {@code left} cards left it. */
    public record BoxResealRecorded(String shipmentNo, String regionCode, String boxNo, String oldSealNo,
                                    String newSealNo, int cards, int left) implements ShipmentEvent {
        public String detail() {
            return "箱 " + boxNo + " 重新封箱：封签 " + oldSealNo + " → " + newSealNo + "，箱内 " + cards + " 张"
                    + (left > 0 ? "，" + left + " 张已出箱" : "");
        }
    }

    /** The maker resealed a box after its shipment had left (flagged: the receiver expects the old seal). */
    public record BoxResealedAfterDispatch(String shipmentNo, String regionCode, String boxNo, String oldSealNo,
                                           String newSealNo, String shipmentStatus) implements ShipmentEvent {
        public String detail() {
            return "运单已发出（" + shipmentStatus + "）后，制卡厂将箱 " + boxNo + " 的封签 " + oldSealNo + " 换为 "
                    + newSealNo + "：未更改待签收封签，请在签收时核查";
        }
    }
}
