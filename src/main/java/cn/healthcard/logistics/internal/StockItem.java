package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.StockStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One card (or SAM card, {@link ItemKind}) in stock: its batch and box, the desk it is for, where it is now and in which state. */
@Entity
@Table(name = "stock_item")
public class StockItem {

    @Id
    private String cardNo;
    @Enumerated(EnumType.STRING)
    private ItemKind itemKind = ItemKind.CARD;
    private String caseId;
    private String batchNo;
    private String boxNo;
    private String deskCode;
    private String placeCode;
    private String placeRegion;
    @Enumerated(EnumType.STRING)
    private StockStatus status;
    private String shipmentNo;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected StockItem() {
    }

    public StockItem(String cardNo, String placeCode, String placeRegion, StockStatus status, String by, Instant now) {
        this.cardNo = cardNo;
        this.placeCode = placeCode;
        this.placeRegion = placeRegion;
        this.status = status;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    /** An item of another kind (a SAM card: its SAM number is the item number). */
    public StockItem(ItemKind kind, String itemNo, String placeCode, String placeRegion, StockStatus status, String by,
                     Instant now) {
        this(itemNo, placeCode, placeRegion, status, by, now);
        this.itemKind = kind;
    }

    /** Names the case and the desk it is for (the card maker's answer). */
    public void madeFor(String caseId, String deskCode, String batchNo) {
        this.caseId = caseId;
        this.deskCode = deskCode;
        if (batchNo != null) {
            this.batchNo = batchNo;
        }
    }

    /** Sealed at the maker into a box of a batch. */
    public void boxed(String batchNo, String boxNo) {
        this.batchNo = batchNo;
        this.boxNo = boxNo;
    }

    public void moved(String placeCode, String placeRegion, StockStatus status, String shipmentNo, String by,
                      Instant now) {
        this.placeCode = placeCode;
        this.placeRegion = placeRegion;
        this.status = status;
        this.shipmentNo = shipmentNo;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public void status(StockStatus status, String by, Instant now) {
        this.status = status;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public String cardNo() { return cardNo; }
    public ItemKind itemKind() { return itemKind; }
    public String caseId() { return caseId; }
    public String batchNo() { return batchNo; }
    public String boxNo() { return boxNo; }
    public String deskCode() { return deskCode; }
    public String placeCode() { return placeCode; }
    public String placeRegion() { return placeRegion; }
    public StockStatus status() { return status; }
    public String shipmentNo() { return shipmentNo; }
    public String updatedBy() { return updatedBy; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
