package cn.healthcard.logistics;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.logistics.internal.StockItem;
import cn.healthcard.logistics.internal.StockItemRepository;
import cn.healthcard.logistics.internal.WarehouseMovement;
import cn.healthcard.logistics.internal.WarehouseMovementRepository;
import cn.healthcard.security.CurrentUser;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The centre's warehouse (APP-09, APP-10): warehouse-in is booked by the receipt of a shipment; warehouse-out sends
 * what is in stock for a desk to that desk as a new shipment. Stock moves with optimistic versions: of two keepers
 * moving the same cards one wins, the other gets 409 {@value #STOCK_MOVED}.
 */
@Service
public class WarehouseService {

    public static final String STOCK_MOVED = "STOCK_MOVED";
    public static final String NOTHING_IN_STOCK = "NOTHING_IN_STOCK";

    private final StockItemRepository items;
    private final WarehouseMovementRepository movements;
    private final ShipmentService shipments;
    private final WarehouseBook book;
    private final Places places;

    WarehouseService(StockItemRepository items, WarehouseMovementRepository movements, ShipmentService shipments,
                     WarehouseBook book, Places places) {
        this.items = items;
        this.movements = movements;
        this.shipments = shipments;
        this.book = book;
        this.places = places;
    }

    /**
     * Warehouse-out (出库) from the caller's centre to a desk in its region: all cards IN_STOCK at the centre for that
     * desk (of the batch, if named) leave IN_TRANSIT in a new centre → desk shipment. 400 on {@code deskCode} /
     * {@code sealNo}; 404 for a desk outside the caller's region; 409 {@value #NOTHING_IN_STOCK} or
     * {@value #STOCK_MOVED} (another keeper moved them first).
     */
    @Transactional
    @PreAuthorize("hasRole('WAREHOUSE')")
    public ShipmentView warehouseOut(WarehouseOutData data) {
        return out(ItemKind.CARD, "deskCode", "服务网点", InstitutionKind.SERVICE_POINT, ShipmentKind.CENTRE_TO_DESK,
                data.deskCode(), data.batchNo(), data.sealNo());
    }

    /**
     * Warehouse-out of SAM cards (decision 031) from the caller's centre, in its region, either to the medical
     * institution they were made for (all SAMs IN_STOCK at the centre for it; centre → institution) or to a city
     * centre below it (all SAMs IN_STOCK at the centre for institutions of that city; centre → centre, so the city
     * passes them on): of the batch, if named, they leave IN_TRANSIT in a new shipment, received through the same
     * process by the destination's authorised receivers. 400 on {@code institutionCode} (neither a medical
     * institution nor a city centre) / {@code batchNo} / {@code sealNo}; 404 outside the caller's region; 409
     * {@value #NOTHING_IN_STOCK} or {@value #STOCK_MOVED}.
     */
    @Transactional
    @PreAuthorize("hasRole('WAREHOUSE')")
    public ShipmentView warehouseOutSams(String institutionCode, String batchNo, String sealNo) {
        return out(ItemKind.SAM, "institutionCode", "医疗卫生机构或市级注册管理中心", InstitutionKind.MEDICAL,
                ShipmentKind.CENTRE_TO_INST, institutionCode, batchNo, sealNo);
    }

    private ShipmentView out(ItemKind kind, String field, String label, InstitutionKind destinationKind,
                             ShipmentKind shipmentKind, String destinationCode, String batchNo, String sealNo) {
        CurrentUser me = Places.me();
        List<FieldViolation> violations = new ArrayList<>();
        if (StockService.blank(destinationCode)) {
            violations.add(new FieldViolation(field, "请选择「" + label + "」"));
        } else if (destinationCode.length() > 32) {
            violations.add(new FieldViolation(field, "「" + label + "」代码最多32个字符"));
        }
        if (batchNo != null && batchNo.length() > 32) {
            violations.add(new FieldViolation("batchNo", "「批次号」最多32个字符"));
        }
        if (StockService.blank(sealNo)) {
            violations.add(new FieldViolation("sealNo", "请填写「封签号」"));
        } else if (sealNo.strip().length() > 32) {
            violations.add(new FieldViolation("sealNo", "「封签号」最多32个字符"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        Institution centre = places.get(me.institutionCode());
        if (centre.kind() != InstitutionKind.REGISTRATION_CENTRE) {
            throw new AccessDeniedException("出库只在注册管理中心的库房办理");
        }
        Institution desk;
        try {
            desk = places.get(destinationCode.strip());
        } catch (NotFoundException e) {
            throw new NotFoundException(label + "不存在: " + destinationCode);
        }
        if (!me.canSee(desk.region().value())) {
            throw new NotFoundException(label + "不存在: " + destinationCode);
        }
        boolean toCity = kind == ItemKind.SAM && desk.kind() == InstitutionKind.REGISTRATION_CENTRE
                && desk.region().level() == cn.healthcard.common.RegionCode.Level.CITY
                && !desk.code().equals(centre.code());
        if (desk.kind() != destinationKind && !toCity) {
            throw new DomainValidationException(field, places.label(desk.code()) + " 不是" + label);
        }
        String batch = StockService.blank(batchNo) ? null : batchNo.strip();
        if (toCity) {
            shipmentKind = ShipmentKind.CENTRE_TO_CENTRE;
        }
        List<StockItem> cards = toCity ? (batch == null
                ? items.findByItemKindAndPlaceCodeAndStatusOrderByCardNo(kind, centre.code(), StockStatus.IN_STOCK)
                : items.findByItemKindAndPlaceCodeAndStatusAndBatchNoOrderByCardNo(kind, centre.code(),
                StockStatus.IN_STOCK, batch)).stream()
                .filter(i -> i.deskCode() != null && desk.region().covers(places.get(i.deskCode()).region()))
                .toList()
                : batch == null
                ? items.findByItemKindAndPlaceCodeAndStatusAndDeskCodeOrderByCardNo(kind, centre.code(),
                StockStatus.IN_STOCK, desk.code())
                : items.findByItemKindAndPlaceCodeAndStatusAndDeskCodeAndBatchNoOrderByCardNo(kind, centre.code(),
                StockStatus.IN_STOCK, desk.code(), batch);
        if (cards.isEmpty()) {
            throw new ConflictException(NOTHING_IN_STOCK, "本中心库存中没有发往 " + places.label(desk.code())
                    + " 的" + kind.nameZh() + (batch == null ? "" : "（批次 " + batch + "）"));
        }
        String shipmentNo;
        try {
            shipmentNo = shipments.toDestination(kind, shipmentKind, centre, desk, batch, sealNo.strip(), cards,
                    me.username());
            items.saveAllAndFlush(cards);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException(STOCK_MOVED, "这些卡片刚被其他库管员出库或移动，请刷新后重试");
        }
        book.book(kind, "OUT", centre, shipmentNo, batch, cards.stream().map(StockItem::cardNo).toList(),
                me.username());
        return shipments.get(shipmentNo);
    }

    /** Warehouse-in and -out records within the caller's region, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<MovementView> movements(int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        return (maker != null ? movements.findByInstitutionCodeOrderByCreatedAtDesc(maker, PageRequest.of(0, size))
                : movements.within(me.region().scopePrefix(), PageRequest.of(0, size))).stream()
                .map(WarehouseService::view).toList();
    }

    /** The warehouse records of one shipment the caller may see. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<MovementView> ofShipment(String shipmentNo) {
        shipments.visible(shipmentNo);
        String maker = places.makerScope(Places.me());
        return movements.findByShipmentNo(shipmentNo).stream()
                .filter(m -> maker == null || maker.equals(m.institutionCode())).map(WarehouseService::view).toList();
    }

    static MovementView view(WarehouseMovement m) {
        return new MovementView(m.movementNo(), m.direction(), m.institutionCode(), m.shipmentNo(), m.batchNo(),
                m.quantity(), m.cardRanges(), m.responsibleUnit(), m.responsiblePerson(), m.createdAt(), m.itemKind());
    }
}
