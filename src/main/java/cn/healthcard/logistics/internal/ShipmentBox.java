package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.BoxStatus;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A box of a shipment: seal, card range and count, and how the receiver found it. */
@Entity
@Table(name = "shipment_box")
public class ShipmentBox {

    @Embeddable
    public record Key(String shipmentId, String boxNo) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    private String sealNo;
    private String firstCard;
    private String lastCard;
    private int cardCount;
    @Enumerated(EnumType.STRING)
    private BoxStatus status;

    protected ShipmentBox() {
    }

    public ShipmentBox(String shipmentId, String boxNo, String sealNo, String firstCard, String lastCard,
                       int cardCount) {
        this.key = new Key(shipmentId, boxNo);
        this.sealNo = sealNo;
        this.firstCard = firstCard;
        this.lastCard = lastCard;
        this.cardCount = cardCount;
        this.status = BoxStatus.EXPECTED;
    }

    public void found(BoxStatus status) {
        this.status = status;
    }

    public String shipmentId() { return key.shipmentId(); }
    public String boxNo() { return key.boxNo(); }
    public String sealNo() { return sealNo; }
    public String firstCard() { return firstCard; }
    public String lastCard() { return lastCard; }
    public int cardCount() { return cardCount; }
    public BoxStatus status() { return status; }
}
