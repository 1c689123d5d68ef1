package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ShipmentKind;
import cn.healthcard.logistics.ShipmentStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A shipment with its logistics status (APP-11); the business key of its shipment-receipt process is its number. */
@Entity
@Table(name = "shipment")
public class Shipment {

    @Id
    private String id;
    private String shipmentNo;
    @Enumerated(EnumType.STRING)
    private ShipmentKind kind;
    @Enumerated(EnumType.STRING)
    private ItemKind itemKind = ItemKind.CARD;
    private String batchNo;
    private String sealedBatchNo;
    private String senderCode;
    private String senderRegion;
    private String receiverCode;
    private String receiverRegion;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus status;
    private int cardCount;
    private String waybillNo;
    private String carrier;
    private LocalDate expectedDate;
    private String dispatchedBy;
    private Instant dispatchedAt;
    private String deliveredTo;
    private Instant deliveredAt;
    private String countedBy;
    private Instant countedAt;
    private Integer receivedCount;
    private String countNote;
    private String resolution;
    private String resolvedBy;
    private boolean replacementCards;
    private Instant receivedAt;
    private String processInstanceId;
    private String createdBy;
    private Instant createdAt;
    @Version
    private long version;

    protected Shipment() {
    }

    public Shipment(String shipmentNo, ShipmentKind kind, String batchNo, String senderCode, String senderRegion,
                    String receiverCode, String receiverRegion, int cardCount, String by, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.shipmentNo = shipmentNo;
        this.kind = kind;
        this.batchNo = batchNo;
        this.sealedBatchNo = kind == ShipmentKind.MAKER_TO_CENTRE ? batchNo : null;
        this.senderCode = senderCode;
        this.senderRegion = senderRegion;
        this.receiverCode = receiverCode;
        this.receiverRegion = receiverRegion;
        this.cardCount = cardCount;
        this.status = ShipmentStatus.CREATED;
        this.createdBy = by;
        this.createdAt = now;
    }

    /**
     * A maker's shipment of SAM cards: {@code sealedKey} (the order it answers) keeps it unique per order, since a SAM
     * maker may put several orders in one batch.
     */
    public static Shipment ofSams(String sealedKey, String shipmentNo, String batchNo, String senderCode,
                                  String senderRegion, String receiverCode, String receiverRegion, int count,
                                  String by, Instant now) {
        Shipment s = new Shipment(ItemKind.SAM, shipmentNo, ShipmentKind.MAKER_TO_CENTRE, batchNo, senderCode,
                senderRegion, receiverCode, receiverRegion, count, by, now);
        s.sealedBatchNo = sealedKey;
        return s;
    }

    /** A shipment of another kind of item (SAM cards). */
    public Shipment(ItemKind itemKind, String shipmentNo, ShipmentKind kind, String batchNo, String senderCode,
                    String senderRegion, String receiverCode, String receiverRegion, int count, String by,
                    Instant now) {
        this(shipmentNo, kind, batchNo, senderCode, senderRegion, receiverCode, receiverRegion, count, by, now);
        this.itemKind = itemKind;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void dispatched(String waybillNo, String carrier, LocalDate expectedDate, String by, Instant now) {
        this.waybillNo = waybillNo;
        this.carrier = carrier;
        this.expectedDate = expectedDate;
        this.dispatchedBy = by;
        this.dispatchedAt = now;
        this.status = ShipmentStatus.DISPATCHED;
    }

    public void delivered(String to, Instant now) {
        this.deliveredTo = to;
        this.deliveredAt = now;
        this.status = ShipmentStatus.DELIVERED;
    }

    public void counted(int receivedCount, String note, boolean complete, String by, Instant now) {
        this.receivedCount = receivedCount;
        this.countNote = note;
        this.countedBy = by;
        this.countedAt = now;
        this.status = complete ? ShipmentStatus.DELIVERED : ShipmentStatus.DISCREPANCY;
    }

    public void resolved(String resolution, boolean replacementCards, String by) {
        this.resolution = resolution;
        this.replacementCards = replacementCards;
        this.resolvedBy = by;
    }

    public void received(Instant now) {
        this.receivedAt = now;
        this.status = ShipmentStatus.RECEIVED;
    }

    public String id() { return id; }
    public String shipmentNo() { return shipmentNo; }
    public ShipmentKind kind() { return kind; }
    public ItemKind itemKind() { return itemKind; }
    public String batchNo() { return batchNo; }
    public String senderCode() { return senderCode; }
    public String senderRegion() { return senderRegion; }
    public String receiverCode() { return receiverCode; }
    public String receiverRegion() { return receiverRegion; }
    public ShipmentStatus status() { return status; }
    public int cardCount() { return cardCount; }
    public String waybillNo() { return waybillNo; }
    public String carrier() { return carrier; }
    public LocalDate expectedDate() { return expectedDate; }
    public String dispatchedBy() { return dispatchedBy; }
    public Instant dispatchedAt() { return dispatchedAt; }
    public String deliveredTo() { return deliveredTo; }
    public Instant deliveredAt() { return deliveredAt; }
    public String countedBy() { return countedBy; }
    public Instant countedAt() { return countedAt; }
    public Integer receivedCount() { return receivedCount; }
    public String countNote() { return countNote; }
    public String resolution() { return resolution; }
    public String resolvedBy() { return resolvedBy; }
    public boolean replacementCards() { return replacementCards; }
    public Instant receivedAt() { return receivedAt; }
    public String processInstanceId() { return processInstanceId; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public long version() { return version; }
}
