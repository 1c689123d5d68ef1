package cn.healthcard.logistics.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.floor.BoxHeld;
import cn.healthcard.floor.BoxResealed;
import cn.healthcard.floor.BoxStore;
import cn.healthcard.production.ReplaceLostCards;
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
 * A box reported damaged or opened ({@code floor.BoxHeld}, same inbox) is held in its shipment ({@code held_since})
 * until its reseal is applied: the dispatch refuses a shipment with a held box, or with a hold or reseal of one of its
 * boxes still open in the inbox (409 {@value #BOX_HELD_CODE}), under the shipment's row lock, so a dispatch between the
 * repack and the new seal's registration is impossible. Cards that leave a resealed box (DAMAGED) are replaced as
 * the cards lost in transit are: {@link ReplaceLostCards} voids them and queues their cases for new cards.
 */
@Component
public class BoxReseals {

    public static final String BOX_RESEALED = "BoxResealed";
    static final String BOX_HELD = "BoxHeld";
    /** 409: a box of the shipment is held in the maker's store until its new seal is registered. */
    public static final String BOX_HELD_CODE = "SHIPMENT_BOX_HELD";
    static final String APPLIED = "APPLIED";
    static final String AFTER_DISPATCH = "AFTER_DISPATCH";

    private final ProductionEvents inbox;
    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BoxStore boxStore;

    BoxReseals(ProductionEvents inbox, JdbcClient db, ApplicationEventPublisher events, Clock clock,
            BoxStore boxStore) {
        this.boxStore = boxStore;
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

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void on(BoxHeld held) {
        inbox.keep(BOX_HELD, held.boxNo(), held);
    }

    private record Target(String id, String shipmentNo, String status, String receiverRegion) {
    }

    private Target shipmentOf(String batchNo) {
        return db.sql("SELECT id, shipment_no, status, receiver_region FROM shipment WHERE sealed_batch_no = ?"
                        + " FOR UPDATE")
                .param(batchNo).query(Target.class).optional()
                .orElseThrow(() -> new IllegalStateException("batch " + batchNo + " has no shipment yet"));
    }

    /**
     * Holds a box in its shipment (in the inbox's transaction, as SYSTEM). A replay, or a hold whose seal has since
     * been replaced (a late retry), changes nothing; a hold after the shipment left is only audited.
     */
    void hold(BoxHeld e) {
        Target s = shipmentOf(e.batchNo());
        boolean resealedSince = db.sql("SELECT COUNT(*) FROM shipment_box_seal WHERE shipment_id = ? AND box_no = ?"
                + " AND old_seal_no = ?").params(s.id(), e.boxNo(), e.sealNo()).query(Integer.class).single() > 0;
        if (resealedSince) {
            return;
        }
        if (!"CREATED".equals(s.status())) {
            events.publishEvent(new BoxHeldAfterDispatch(s.shipmentNo(), s.receiverRegion(), e.boxNo(), e.sealNo(),
                    s.status()));
            return;
        }
        if (db.sql("UPDATE shipment_box SET held_since = ? WHERE shipment_id = ? AND box_no = ? AND held_since IS NULL")
                .params(Timestamp.from(clock.instant()), s.id(), e.boxNo()).update() == 1) {
            events.publishEvent(new BoxHoldRecorded(s.shipmentNo(), s.receiverRegion(), e.boxNo(), e.sealNo()));
        }
    }

    /**
     * 409 {@value #BOX_HELD_CODE} naming the box when a box of the shipment is held, its hold or reseal waits in the
     * inbox, or the maker's store does not have it in store; otherwise the boxes leave the store
     * ({@link BoxStore#shipOut}). Takes the shipment's row lock first (the inbox's handlers take it too), then the
     * boxes' row locks in the maker's store (the floor's report takes them too), so a hold committed before the
     * dispatch is always seen and a report after it finds the box shipped. For the dispatch, in its transaction.
     */
    public void takeBoxesOut(String shipmentId) {
        String batchNo = db.sql("SELECT sealed_batch_no FROM shipment WHERE id = ? FOR UPDATE").param(shipmentId)
                .query(String.class).optional().orElse(null);
        if (batchNo == null) {
            return; // a centre's shipment to a desk: no maker's store
        }
        java.util.SortedSet<String> held = new java.util.TreeSet<>(boxStore.shipOut(batchNo));
        held.addAll(db.sql("""
                SELECT box_no FROM shipment_box WHERE shipment_id = ? AND (held_since IS NOT NULL OR box_no IN (
                  SELECT event_key FROM logistics_inbox WHERE event_type IN (?, ?) AND done_at IS NULL))
                ORDER BY box_no""").params(shipmentId, BOX_HELD, BOX_RESEALED).query(String.class).list());
        if (!held.isEmpty()) {
            throw new ConflictException(BOX_HELD_CODE, "boxNo", "箱 " + String.join("、", held)
                    + " 在制卡机构库房中开箱或损坏，正在复点重封：新封签登记后方可发运");
        }
    }

    /** Attempts after which a reseal whose leaving card still has no case is applied anyway (see {@link #apply}). */
    public static final int CASE_WAIT_ATTEMPTS = 10;

    /** Handles one reseal (in the inbox's transaction, as SYSTEM); see the class comment. */
    void apply(BoxResealed e) {
        apply(e, 0);
    }

    /**
     * Handles one reseal on its inbox entry's {@code failedBefore}-th retry. A card leaving the box without a case
     * (its production answer not applied) makes the reseal wait; after {@value #CASE_WAIT_ATTEMPTS} failed attempts it
     * is applied anyway — the card booked DAMAGED without a replacement order and {@link ResealCardWithoutCase}
     * audited for manual handling — so the entry cannot hold its shipment's dispatch for ever.
     */
    void apply(BoxResealed e, int failedBefore) {
        Target s = shipmentOf(e.batchNo());
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
        for (String cardNo : boxed) {
            if (!holds.contains(cardNo) && failedBefore < CASE_WAIT_ATTEMPTS
                    && db.sql("SELECT case_id FROM stock_item WHERE card_no = ?").param(cardNo)
                    .query(String.class).optional().isEmpty()) {
                // the card's CardProductionCompleted (its case) is not applied yet: replacing it needs the case
                throw new IllegalStateException("card " + cardNo + " leaving box " + e.boxNo()
                        + " has no case yet: its production answer has not been applied");
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        int left = 0;
        List<ReplaceLostCards.LostCard> damaged = new java.util.ArrayList<>();
        for (String cardNo : boxed) {
            if (!holds.contains(cardNo)) {
                String caseId = db.sql("SELECT case_id FROM stock_item WHERE card_no = ?").param(cardNo)
                        .query(String.class).optional().orElse(null);
                left += db.sql("UPDATE stock_item SET status = 'DAMAGED', shipment_no = NULL, updated_by = 'SYSTEM',"
                                + " updated_at = ?, version = version + 1 WHERE card_no = ?")
                        .params(now, cardNo).update();
                if (caseId != null) {
                    damaged.add(new ReplaceLostCards.LostCard(caseId, cardNo, "DAMAGED"));
                } else {
                    events.publishEvent(new ResealCardWithoutCase(s.shipmentNo(), s.receiverRegion(), e.boxNo(),
                            e.newSealNo(), cardNo));
                }
            }
        }
        if (!damaged.isEmpty()) {
            // the cards that left the box are replaced as the other damaged cards are (idempotent: a void card is
            // not voided twice, and this branch runs once per reseal)
            events.publishEvent(new ReplaceLostCards("RESEAL-" + e.boxNo() + "-" + e.newSealNo(), s.receiverRegion(),
                    damaged));
        }
        List<String> sorted = e.cardNos().stream().filter(boxed::contains).sorted().toList();
        // a newer incident's hold, taken under this reseal's new seal, may have arrived first (its handler found the
        // box held already): this older reseal must not release it (review MED 3b)
        String held = heldUnder(e.boxNo(), e.newSealNo()) ? "held_since" : "NULL";
        if (sorted.isEmpty()) {
            db.sql("UPDATE shipment_box SET seal_no = ?, card_count = 0, held_since = " + held
                    + " WHERE shipment_id = ? AND box_no = ?")
                    .params(e.newSealNo(), s.id(), e.boxNo()).update();
        } else {
            db.sql("UPDATE shipment_box SET seal_no = ?, card_count = ?, first_card = ?, last_card = ?,"
                            + " held_since = " + held + " WHERE shipment_id = ? AND box_no = ?")
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

    /** Whether a hold of the box taken under seal {@code sealNo} reached the inbox. */
    private boolean heldUnder(String boxNo, String sealNo) {
        return db.sql("SELECT payload FROM logistics_inbox WHERE event_type = ? AND event_key = ?")
                .params(BOX_HELD, boxNo).query(String.class).list().stream()
                .anyMatch(p -> p.contains("\"sealNo\":\"" + sealNo + "\""));
    }

    /** A card left a resealed box but its case never reached stock: booked DAMAGED, its replacement needs a person. */
    public record ResealCardWithoutCase(String shipmentNo, String regionCode, String boxNo, String newSealNo,
                                        String cardNo) implements ShipmentEvent {
        public String detail() {
            return "箱 " + boxNo + " 重新封箱（封签 " + newSealNo + "）时出箱的卡 " + cardNo + " 没有对应的申请案件（制卡结果未入库）："
                    + "已记为损坏，未自动补制，请人工核查后补制";
        }
    }

    /** A box of the shipment is held in the maker's store (reported damaged or opened); the dispatch waits. */
    public record BoxHoldRecorded(String shipmentNo, String regionCode, String boxNo, String sealNo)
            implements ShipmentEvent {
        public String detail() {
            return "箱 " + boxNo + "（封签 " + sealNo + "）在制卡机构库房中开箱或损坏，待复点重封：暂停发运";
        }
    }

    /** A box was reported held after its shipment had left the maker (flagged for the receiver). */
    public record BoxHeldAfterDispatch(String shipmentNo, String regionCode, String boxNo, String sealNo,
                                       String shipmentStatus) implements ShipmentEvent {
        public String detail() {
            return "运单已发出（" + shipmentStatus + "）后，制卡厂报告箱 " + boxNo + "（封签 " + sealNo
                    + "）开箱或损坏：请在签收时核查";
        }
    }
}
