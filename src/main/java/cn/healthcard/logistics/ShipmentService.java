package cn.healthcard.logistics;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.logistics.LogisticsEvents.ShipmentCounted;
import cn.healthcard.logistics.LogisticsEvents.ShipmentCreated;
import cn.healthcard.logistics.LogisticsEvents.ShipmentDelivered;
import cn.healthcard.logistics.LogisticsEvents.ShipmentDiscrepancyResolved;
import cn.healthcard.logistics.LogisticsEvents.ShipmentDispatched;
import cn.healthcard.logistics.LogisticsEvents.ShipmentReceived;
import cn.healthcard.logistics.LogisticsEvents.ShipmentReceiverRefused;
import cn.healthcard.logistics.internal.BoxReseals;
import cn.healthcard.logistics.internal.Shipment;
import cn.healthcard.logistics.internal.ShipmentBox;
import cn.healthcard.logistics.internal.ShipmentBoxRepository;
import cn.healthcard.logistics.internal.ShipmentRepository;
import cn.healthcard.logistics.internal.StockItem;
import cn.healthcard.logistics.internal.StockItemRepository;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.TaskInboxService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shipments and their receipt ({@code processes/shipment-receipt.bpmn}, APP-11, PER-13, BPM-01): created from a
 * sealed batch (maker → centre) or by a warehouse-out (centre → desk); the sender dispatches with a waybill; only an
 * authorised receiver of the destination takes the delivery (anyone else is refused here, audited, and it stays
 * undelivered); the receiver counts and checks the seals; complete → receipt and warehouse-in, otherwise
 * discrepancy handling with the sender, then receipt of what arrived.
 */
@Service
public class ShipmentService {

    public static final String PROCESS_KEY = "shipment-receipt";
    /** A SAM shipment's discrepancy cannot ask the sender for replacement cards (409 on replacementCards). */
    public static final String SAM_NO_REPLACEMENT = "SAM_NO_REPLACEMENT";
    public static final String DISPATCH_TASK = "dispatchShipment";
    public static final String DELIVER_TASK = "deliverShipment";
    public static final String COUNT_TASK = "countShipment";
    public static final String DISCREPANCY_TASK = "resolveDiscrepancy";
    /** Process variable: the count found everything (no missing or damaged box, count and seals right). */
    public static final String COMPLETE_VARIABLE = "receiptComplete";
    /** 运单编号: {@code YD} + destination region + date + serial. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("YD", "shipment_no_seq", 6);
    public static final String NOT_AUTHORISED_RECEIVER = "NOT_AUTHORISED_RECEIVER";
    /** 409: an item number the maker announces is already in stock. */
    public static final String ITEM_EXISTS = "ITEM_EXISTS";
    /** SAM cards per box of a SAM maker's shipment. */
    public static final int SAM_BOX = 100;

    private final ShipmentRepository shipments;
    private final ShipmentBoxRepository boxes;
    private final StockItemRepository items;
    private final ReceiverService receivers;
    private final WarehouseBook book;
    private final Places places;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    /** Boxes held in the maker's store (PER-12): the dispatch waits for their new seal. */
    private final ObjectProvider<BoxReseals> reseals;

    ShipmentService(ShipmentRepository shipments, ShipmentBoxRepository boxes, StockItemRepository items,
                    ReceiverService receivers, WarehouseBook book, Places places, ProcessGateway processes,
                    TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers, ApplicationEventPublisher events,
                    PlatformTransactionManager transactions, Clock clock, ObjectProvider<BoxReseals> reseals) {
        this.reseals = reseals;
        this.shipments = shipments;
        this.boxes = boxes;
        this.items = items;
        this.receivers = receivers;
        this.book = book;
        this.places = places;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    // ---------------------------------------------------------------- creation

    /**
     * A batch sealed at the maker: its cards are stock AT_MAKER in their boxes, and a shipment maker → centre with
     * those boxes starts its receipt process. Idempotent per batch.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public String batchSealed(BatchSealed batch) {
        if (shipments.existsByBatchNoAndKind(batch.batchNo(), ShipmentKind.MAKER_TO_CENTRE)) {
            return null;
        }
        Institution maker = places.get(batch.makerCode());
        Institution centre = places.get(batch.centreCode());
        if (maker.kind() != InstitutionKind.CARD_MAKER || centre.kind() != InstitutionKind.REGISTRATION_CENTRE) {
            throw new IllegalArgumentException("sealed batch " + batch.batchNo() + ": " + maker.code() + " is "
                    + maker.kind() + ", " + centre.code() + " is " + centre.kind()
                    + " (a card maker ships to a registration centre)");
        }
        String no = numbers.next(NUMBER, centre.region().value());
        Map<String, StockItem> existing = new LinkedHashMap<>();
        items.findByCardNoIn(batch.boxes().stream().flatMap(b -> b.cardNos().stream()).toList())
                .forEach(i -> existing.put(i.cardNo(), i));
        List<StockItem> stock = new ArrayList<>();
        List<BatchSealed.SealedBox> kept = new ArrayList<>();
        int cardCount = 0;
        for (BatchSealed.SealedBox box : batch.boxes()) {
            List<String> boxed = new ArrayList<>();
            for (String cardNo : box.cardNos()) {
                StockItem item = existing.get(cardNo);
                if (item != null && item.itemKind() != ItemKind.CARD) {
                    // a SAM card's number is never a card's (decision 031); refused loudly, never rewritten
                    events.publishEvent(new LogisticsEvents.StockConflict(cardNo, item.placeRegion(),
                            batch.batchNo(), maker.code(), item.itemKind().name(), item.placeCode(), item.batchNo()));
                    continue;
                }
                if (item == null) {
                    item = new StockItem(cardNo, maker.code(), maker.region().value(), StockStatus.AT_MAKER, "SYSTEM",
                            clock.instant());
                } else if (item.status() != StockStatus.AT_MAKER || item.shipmentNo() != null
                        || (item.batchNo() != null && !item.batchNo().equals(batch.batchNo()))) {
                    events.publishEvent(new LogisticsEvents.StockConflict(cardNo, item.placeRegion(),
                            batch.batchNo(), maker.code(), item.status().name(), item.placeCode(), item.batchNo()));
                    continue;
                }
                item.boxed(batch.batchNo(), box.boxNo());
                item.moved(maker.code(), maker.region().value(), StockStatus.AT_MAKER, no, "SYSTEM", clock.instant());
                stock.add(item);
                boxed.add(cardNo);
            }
            if (!boxed.isEmpty()) {
                kept.add(new BatchSealed.SealedBox(box.boxNo(), box.sealNo(), boxed));
                cardCount += boxed.size();
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        Shipment s = new Shipment(no, ShipmentKind.MAKER_TO_CENTRE, batch.batchNo(), maker.code(),
                maker.region().value(), centre.code(), centre.region().value(), cardCount, "SYSTEM", clock.instant());
        items.saveAll(stock);
        start(s, kept.stream().map(b -> box(s.id(), b.boxNo(), b.sealNo(), b.cardNos())).toList());
        return no;
    }

    /** A warehouse-out's shipment from a centre: the items (of one kind) grouped by their boxes, IN_TRANSIT. */
    String toDestination(ItemKind itemKind, ShipmentKind kind, Institution centre, Institution destination,
                         String batchNo, String sealNo, List<StockItem> cards, String by) {
        String no = numbers.next(NUMBER, destination.region().value());
        Shipment s = new Shipment(itemKind, no, kind, batchNo, centre.code(), centre.region().value(),
                destination.code(), destination.region().value(), cards.size(), by, clock.instant());
        Map<String, List<String>> byBox = new LinkedHashMap<>();
        cards.stream().sorted(java.util.Comparator.comparing(StockItem::cardNo)).forEach(i -> byBox
                .computeIfAbsent(i.boxNo() == null ? "-" : i.boxNo(), k -> new ArrayList<>()).add(i.cardNo()));
        List<ShipmentBox> packed = new ArrayList<>();
        byBox.forEach((boxNo, cardNos) -> packed.add(box(s.id(), boxNo, sealNo, cardNos)));
        cards.forEach(i -> i.moved(centre.code(), centre.region().value(), StockStatus.IN_TRANSIT, no, by,
                clock.instant()));
        start(s, packed);
        return no;
    }

    /**
     * SAM cards made by a SAM maker for one order (decision 031): stock AT_MAKER, for the institution that will use
     * them, in boxes of {@value #SAM_BOX} of the batch, and one shipment maker → centre starts its receipt process — the
     * same process, receivers and warehouse-in as cards. Idempotent per order ({@code orderNo}: the order's shipment
     * number again; several orders in one maker batch get a shipment each); a SAM number already in stock is refused
     * loudly (409 {@value #ITEM_EXISTS}), nothing half-applied.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public String samsMade(String orderNo, String batchNo, String makerCode, String centreCode,
                           String forInstitution, List<String> samNumbers) {
        String sealedKey = "SAM-" + orderNo;
        var earlier = shipments.findBySealedBatchNo(sealedKey);
        if (earlier.isPresent()) {
            return earlier.get().shipmentNo();
        }
        Institution maker = places.get(makerCode);
        Institution centre = places.get(centreCode);
        if (maker.kind() != InstitutionKind.CARD_MAKER || centre.kind() != InstitutionKind.REGISTRATION_CENTRE
                || samNumbers.isEmpty()) {
            throw new IllegalArgumentException("SAM batch " + batchNo + ": " + maker.code() + " is " + maker.kind()
                    + ", " + centre.code() + " is " + centre.kind() + ", " + samNumbers.size() + " SAM cards");
        }
        if (!items.findByCardNoIn(samNumbers).isEmpty()) {
            throw new cn.healthcard.common.ConflictException(ITEM_EXISTS, "SAM 批次 " + batchNo
                    + " 中有卡号已在库存中登记");
        }
        String no = numbers.next(NUMBER, centre.region().value());
        Shipment s = Shipment.ofSams(sealedKey, no, batchNo, maker.code(), maker.region().value(), centre.code(),
                centre.region().value(), samNumbers.size(), "SYSTEM", clock.instant());
        List<StockItem> stock = new ArrayList<>();
        List<ShipmentBox> packed = new ArrayList<>();
        List<String> sorted = samNumbers.stream().sorted().toList();
        for (int from = 0, box = 1; from < sorted.size(); from += SAM_BOX, box++) {
            List<String> boxed = sorted.subList(from, Math.min(sorted.size(), from + SAM_BOX));
            String boxNo = batchNo + "-B" + box;
            for (String samNo : boxed) {
                StockItem item = new StockItem(ItemKind.SAM, samNo, maker.code(), maker.region().value(),
                        StockStatus.AT_MAKER, "SYSTEM", clock.instant());
                item.madeFor(null, forInstitution, batchNo);
                item.boxed(batchNo, boxNo);
                item.moved(maker.code(), maker.region().value(), StockStatus.AT_MAKER, no, "SYSTEM", clock.instant());
                stock.add(item);
            }
            packed.add(box(s.id(), boxNo, "SL" + batchNo + "-" + box, boxed));
        }
        items.saveAll(stock);
        start(s, packed);
        return no;
    }

    private static ShipmentBox box(String shipmentId, String boxNo, String sealNo, List<String> cardNos) {
        List<String> sorted = cardNos.stream().sorted().toList();
        return new ShipmentBox(shipmentId, boxNo, sealNo, sorted.get(0), sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private void start(Shipment s, List<ShipmentBox> packed) {
        shipments.saveAndFlush(s);
        boxes.saveAll(packed);
        events.publishEvent(new ShipmentCreated(s.shipmentNo(), s.receiverRegion(), s.kind(), s.senderCode(),
                s.receiverCode(), s.batchNo(), s.cardCount()));
        s.processStarted(processes.start(PROCESS_KEY, s.shipmentNo(), Map.of(
                TaskInboxService.REGION_CODE, stepRegion(s.senderRegion(), s.receiverRegion()),
                TaskInboxService.APPLICANT_NAME, places.name(s.senderCode()) + " → " + places.name(s.receiverCode()),
                "shipmentKind", s.kind().name())));
    }

    /**
     * The region of a shipment's steps: the narrower of sender's and receiver's when one covers the other, so both ends
     * see their tasks (a city's card maker dispatching to its province's centre, a province's centre to a county desk);
     * otherwise the receiver's.
     */
    static String stepRegion(String senderRegion, String receiverRegion) {
        boolean receiverCovers = cn.healthcard.common.RegionCode.of(receiverRegion)
                .covers(cn.healthcard.common.RegionCode.of(senderRegion));
        return receiverCovers ? senderRegion : receiverRegion;
    }

    // ---------------------------------------------------------------- the steps

    /**
     * The sender dispatches (APP-11): waybill, courier or delivery person, expected date; 400 by field; 409
     * {@value BoxReseals#BOX_HELD_CODE} while a box is held in the maker's store (PER-12).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION')")
    public ShipmentView dispatch(String taskId, DispatchData data) {
        Shipment s = load(tasks.require(taskId, PROCESS_KEY, DISPATCH_TASK).businessKey());
        CurrentUser me = Places.requireAt(s.senderCode(), "发运");
        List<FieldViolation> violations = new ArrayList<>();
        text(violations, "waybillNo", "运单号", data.waybillNo(), 40);
        text(violations, "carrier", "承运人或送货人", data.carrier(), 50);
        if (data.expectedDate() == null) {
            violations.add(new FieldViolation("expectedDate", "请填写「预计送达日期」"));
        } else if (data.expectedDate().isBefore(LocalDate.now(clock.withZone(cn.healthcard.common.ChinaTime.ZONE)))) {
            violations.add(new FieldViolation("expectedDate", "「预计送达日期」不能早于今天"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        reseals.getObject().takeBoxesOut(s.id());
        s.dispatched(data.waybillNo().strip(), data.carrier().strip(), data.expectedDate(), me.username(),
                clock.instant());
        for (StockItem i : items.findByShipmentNoOrderByCardNo(s.shipmentNo())) {
            i.moved(i.placeCode(), i.placeRegion(), StockStatus.IN_TRANSIT, s.shipmentNo(), me.username(),
                    clock.instant());
        }
        events.publishEvent(new ShipmentDispatched(s.shipmentNo(), s.receiverRegion(), s.waybillNo(), s.carrier(),
                String.valueOf(s.expectedDate())));
        inbox.complete(taskId, Map.of("waybillNo", s.waybillNo()));
        return view(s);
    }

    /**
     * Delivery to an authorised receiver of the destination only (PER-13): the caller takes it. Anyone else: 403
     * {@value #NOT_AUTHORISED_RECEIVER}, audited in its own transaction; the shipment stays undelivered.
     */
    @Transactional
    @PreAuthorize("hasRole('WAREHOUSE')")
    public ShipmentView deliver(String taskId) {
        Shipment s = load(tasks.require(taskId, PROCESS_KEY, DELIVER_TASK).businessKey());
        CurrentUser me = Places.me();
        if (!me.institutionCode().equals(s.receiverCode()) || !receivers.authorised(s.receiverCode(), me.username())) {
            ownTransaction.executeWithoutResult(t -> events.publishEvent(new ShipmentReceiverRefused(s.shipmentNo(),
                    s.receiverRegion(), me.username(), s.receiverCode())));
            throw new AccessDeniedException(me.displayName() + " 不是 " + places.label(s.receiverCode())
                    + " 的授权接收人，不能签收运单 " + s.shipmentNo() + "（" + NOT_AUTHORISED_RECEIVER + "）");
        }
        s.delivered(me.username(), clock.instant());
        events.publishEvent(new ShipmentDelivered(s.shipmentNo(), s.receiverRegion(), me.username()));
        inbox.complete(taskId, Map.of("deliveredTo", me.username()));
        return view(s);
    }

    /**
     * The receiver's count and seal check (PER-13): box numbers must be the shipment's (400 on {@code damagedBoxes}
     * / {@code missingBoxes}); anything amiss needs a note (400 on {@code note}) and goes to discrepancy handling.
     */
    @Transactional
    @PreAuthorize("hasRole('WAREHOUSE')")
    public ShipmentView count(String taskId, CountData data) {
        Shipment s = load(tasks.require(taskId, PROCESS_KEY, COUNT_TASK).businessKey());
        CurrentUser me = Places.requireAt(s.receiverCode(), "清点签收");
        if (!receivers.authorised(s.receiverCode(), me.username())) {
            ownTransaction.executeWithoutResult(t -> events.publishEvent(new ShipmentReceiverRefused(s.shipmentNo(),
                    s.receiverRegion(), me.username(), s.receiverCode())));
            throw new AccessDeniedException(me.displayName() + " 不是 " + places.label(s.receiverCode())
                    + " 的授权接收人，不能清点签收运单 " + s.shipmentNo() + "（" + NOT_AUTHORISED_RECEIVER + "）");
        }
        List<ShipmentBox> packed = boxes.ofShipment(s.id());
        Set<String> known = new HashSet<>(packed.stream().map(ShipmentBox::boxNo).toList());
        List<FieldViolation> violations = new ArrayList<>();
        boxList(violations, "damagedBoxes", data.damagedBoxes(), known);
        boxList(violations, "missingBoxes", data.missingBoxes(), known);
        if (data.damagedBoxes().stream().anyMatch(data.missingBoxes()::contains)) {
            violations.add(new FieldViolation("missingBoxes", "同一箱不能既「破损」又「缺失」"));
        }
        int arrived = packed.stream().filter(b -> !data.damagedBoxes().contains(b.boxNo())
                && !data.missingBoxes().contains(b.boxNo())).mapToInt(ShipmentBox::cardCount).sum();
        if (data.receivedCount() != arrived) {
            violations.add(new FieldViolation("receivedCount", "「实点数量」应为完好箱内的卡片数 " + arrived
                    + " 张（破损或缺失的箱请在「破损箱号」「缺失箱号」中列出）"));
        }
        if (!data.sealsIntact() && data.damagedBoxes().isEmpty()) {
            violations.add(new FieldViolation("damagedBoxes", "封签不完整时请列出封签破损的「破损箱号」"));
        }
        boolean complete = data.damagedBoxes().isEmpty() && data.missingBoxes().isEmpty() && data.sealsIntact()
                && data.receivedCount() == s.cardCount();
        if (!complete && StockService.blank(data.note())) {
            violations.add(new FieldViolation("note", "清点有差异时请填写「差异说明」"));
        }
        if (data.note() != null && data.note().length() > 500) {
            violations.add(new FieldViolation("note", "「差异说明」最多500个字符"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        for (ShipmentBox b : packed) {
            b.found(data.missingBoxes().contains(b.boxNo()) ? BoxStatus.MISSING
                    : data.damagedBoxes().contains(b.boxNo()) ? BoxStatus.DAMAGED : BoxStatus.RECEIVED);
        }
        s.counted(data.receivedCount(), StockService.blank(data.note()) ? null : data.note().strip(), complete,
                me.username(), clock.instant());
        events.publishEvent(new ShipmentCounted(s.shipmentNo(), s.receiverRegion(), s.cardCount(),
                data.receivedCount(), data.damagedBoxes().size(), data.missingBoxes().size(), complete));
        inbox.complete(taskId, Map.of(COMPLETE_VARIABLE, complete));
        return view(s);
    }

    /**
     * Discrepancy handling with the sender (PER-12): the sender's or the receiver's keeper records the recount,
     * replacement cards and the investigation (400 by field); then what arrived is received.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION')")
    public ShipmentView resolve(String taskId, ResolutionData data) {
        Shipment s = load(tasks.require(taskId, PROCESS_KEY, DISCREPANCY_TASK).businessKey());
        CurrentUser me = Places.me();
        if (!s.receiverCode().equals(me.institutionCode()) || !receivers.authorised(s.receiverCode(), me.username())) {
            throw new AccessDeniedException("差异处理由接收方 " + places.label(s.receiverCode())
                    + " 的授权接收人会同发出方确认办结，发出方不能自行办结");
        }
        int booked = boxes.ofShipment(s.id()).stream().filter(b -> b.status() == BoxStatus.RECEIVED)
                .mapToInt(ShipmentBox::cardCount).sum();
        List<FieldViolation> violations = new ArrayList<>();
        if (data.recount() != booked) {
            violations.add(new FieldViolation("recount", "「复点数量」应为入库的完好箱卡片数 " + booked + " 张"));
        }
        text(violations, "investigation", "调查记录", data.investigation(), 500);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        if (s.itemKind() != ItemKind.CARD && data.replacementCards()) {
            throw new ConflictException(SAM_NO_REPLACEMENT, "replacementCards",
                    "SAM卡运单不能由发出方补发，短少的SAM卡请重新申领");
        }
        s.resolved(data.investigation().strip(), data.replacementCards(), me.username());
        events.publishEvent(new ShipmentDiscrepancyResolved(s.shipmentNo(), s.receiverRegion(), data.recount(),
                data.replacementCards(), data.investigation().strip()));
        inbox.complete(taskId, Map.of("recount", data.recount()));
        return view(s);
    }

    /**
     * Receipt (签收) and warehouse-in: cards of boxes found intact are IN_STOCK at the receiver, of damaged boxes
     * DAMAGED, of missing boxes MISSING (process step {@code receiveShipment}).
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void receive(String shipmentNo) {
        Shipment s = load(shipmentNo);
        if (s.status() == ShipmentStatus.RECEIVED) {
            return;
        }
        Institution receiver = places.get(s.receiverCode());
        Map<String, BoxStatus> found = new LinkedHashMap<>();
        boxes.ofShipment(s.id()).forEach(b -> found.put(b.boxNo(), b.status()));
        List<StockItem> cards = items.findByShipmentNoOrderByCardNo(s.shipmentNo());
        List<String> inStock = new ArrayList<>();
        int damaged = 0;
        int missing = 0;
        for (StockItem i : cards) {
            BoxStatus box = found.getOrDefault(i.boxNo() == null ? "-" : i.boxNo(), BoxStatus.RECEIVED);
            StockStatus status = switch (box) {
                case DAMAGED -> StockStatus.DAMAGED;
                case MISSING -> StockStatus.MISSING;
                default -> StockStatus.IN_STOCK;
            };
            i.moved(receiver.code(), receiver.region().value(), status, s.shipmentNo(),
                    s.countedBy() == null ? "SYSTEM" : s.countedBy(), clock.instant());
            if (status == StockStatus.IN_STOCK) {
                inStock.add(i.cardNo());
            } else if (status == StockStatus.DAMAGED) {
                damaged++;
            } else {
                missing++;
            }
        }
        s.received(clock.instant());
        List<StockItem> lost = cards.stream().filter(i -> i.status() != StockStatus.IN_STOCK).toList();
        if (s.replacementCards() && !lost.isEmpty()) {
            events.publishEvent(new LogisticsEvents.ReplacementCardsRequested(s.shipmentNo(), s.receiverRegion(),
                    s.senderCode(), lost.stream().map(StockItem::caseId).filter(java.util.Objects::nonNull)
                    .distinct().toList(), lost.stream().map(StockItem::cardNo).toList()));
            // production's command: void the lost numbers and queue their cases for new cards
            events.publishEvent(new cn.healthcard.production.ReplaceLostCards(s.shipmentNo(), s.receiverRegion(),
                    lost.stream().filter(i -> i.caseId() != null).map(i -> new cn.healthcard.production.ReplaceLostCards
                            .LostCard(i.caseId(), i.cardNo(), i.status().name())).toList()));
        }
        events.publishEvent(new ShipmentReceived(s.shipmentNo(), s.receiverRegion(), inStock.size(), damaged,
                missing));
        if (!inStock.isEmpty()) {
            book.book(s.itemKind(), "IN", receiver, s.shipmentNo(), s.batchNo(), inStock,
                    s.countedBy() == null ? "SYSTEM" : s.countedBy());
            events.publishEvent(new ItemsReceived(s.itemKind(), s.shipmentNo(), receiver.code(), inStock));
        }
    }

    /**
     * The open task of a step of a shipment the caller may see, for operations addressed by shipment number (REST):
     * 404 when the shipment is not visible, 409 {@code NOT_AT_STEP} when it waits elsewhere.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public String openTask(String shipmentNo, String taskKey) {
        visible(shipmentNo);
        String step = switch (taskKey) {
            case DISPATCH_TASK -> "发运";
            case DELIVER_TASK -> "交付授权接收人";
            case COUNT_TASK -> "清点与验封";
            case DISCREPANCY_TASK -> "差异处理";
            default -> throw new IllegalArgumentException("not a step of " + PROCESS_KEY + ": " + taskKey);
        };
        return tasks.requireAt(shipmentNo, List.of(PROCESS_KEY), taskKey, step).taskId();
    }

    // ---------------------------------------------------------------- queries

    /** A shipment the caller may see (sender's or receiver's region within theirs); 404 otherwise. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public ShipmentView get(String shipmentNo) {
        return view(visible(shipmentNo));
    }

    /** The shipment of a task of this process (for its form). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public ShipmentView forTask(String taskId) {
        return view(visible(inbox.get(taskId).businessKey()));
    }

    /** Shipments from or to the caller's region, newest first (物流跟踪, APP-11). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<ShipmentView> list(int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        return (maker != null ? shipments.ofInstitution(maker, PageRequest.of(0, size))
                : shipments.within(me.region().scopePrefix(), PageRequest.of(0, size))).stream()
                .map(this::view).toList();
    }

    /** The kind of item a shipment the caller may see carries (404 otherwise). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','AUDITOR','ADMIN')")
    public ItemKind itemKind(String shipmentNo) {
        return visible(shipmentNo).itemKind();
    }

    /**
     * A shipment the caller may see: a card maker's people only their own maker's shipments, everyone else those
     * sent from or to their region; 404 otherwise.
     */
    Shipment visible(String shipmentNo) {
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        return shipments.findByShipmentNo(shipmentNo)
                .filter(s -> maker != null ? maker.equals(s.senderCode()) || maker.equals(s.receiverCode())
                        : me.canSee(s.senderRegion()) || me.canSee(s.receiverRegion()))
                .orElseThrow(() -> new NotFoundException("运单不存在: " + shipmentNo));
    }

    private Shipment load(String shipmentNo) {
        return shipments.findByShipmentNo(shipmentNo)
                .orElseThrow(() -> new NotFoundException("运单不存在: " + shipmentNo));
    }

    ShipmentView view(Shipment s) {
        return new ShipmentView(s.shipmentNo(), s.kind(), s.batchNo(), s.senderCode(), places.name(s.senderCode()),
                s.receiverCode(), places.name(s.receiverCode()), s.status(), s.cardCount(), s.waybillNo(),
                s.carrier(), s.expectedDate(), s.dispatchedAt(), s.deliveredTo(), s.deliveredAt(), s.receivedCount(),
                s.countNote(), s.resolution() == null ? null
                : s.resolution() + (s.replacementCards() ? "（发出方补发卡片）" : ""), s.receivedAt(), boxes.ofShipment(s.id()).stream()
                .map(b -> new ShipmentView.Box(b.boxNo(), b.sealNo(), b.firstCard(), b.lastCard(), b.cardCount(),
                        b.status())).toList(), s.itemKind());
    }

    private static void text(List<FieldViolation> violations, String field, String label, String value, int max) {
        if (StockService.blank(value)) {
            violations.add(new FieldViolation(field, "请填写「" + label + "」"));
        } else if (value.strip().length() > max) {
            violations.add(new FieldViolation(field, "「" + label + "」最多" + max + "个字符"));
        }
    }

    private static void boxList(List<FieldViolation> violations, String field, List<String> given, Set<String> known) {
        for (String box : given) {
            if (!known.contains(box)) {
                violations.add(new FieldViolation(field, "箱号 " + (box == null ? "" : box.length() > 32
                        ? box.substring(0, 32) + "…" : box) + " 不属于本运单"));
                return;
            }
        }
    }
}
