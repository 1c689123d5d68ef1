package cn.healthcard.logistics.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A warehouse-in or warehouse-out (入库 / 出库): quantity, batch, card ranges, responsible unit and person. */
@Entity
@Table(name = "warehouse_movement")
public class WarehouseMovement {

    @Id
    private String id;
    private String movementNo;
    private String direction;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private cn.healthcard.logistics.ItemKind itemKind = cn.healthcard.logistics.ItemKind.CARD;
    private String institutionCode;
    private String regionCode;
    private String shipmentNo;
    private String batchNo;
    private int quantity;
    private String cardRanges;
    private String responsibleUnit;
    private String responsiblePerson;
    private Instant createdAt;

    protected WarehouseMovement() {
    }

    public WarehouseMovement(String movementNo, String direction, String institutionCode, String regionCode,
                             String shipmentNo, String batchNo, int quantity, String cardRanges,
                             String responsibleUnit, String responsiblePerson, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.movementNo = movementNo;
        this.direction = direction;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.shipmentNo = shipmentNo;
        this.batchNo = batchNo;
        this.quantity = quantity;
        this.cardRanges = cardRanges;
        this.responsibleUnit = responsibleUnit;
        this.responsiblePerson = responsiblePerson;
        this.createdAt = createdAt;
    }

    /** The record of items of a kind (SAM cards: their numbers are the ranges). */
    public WarehouseMovement withKind(cn.healthcard.logistics.ItemKind kind) {
        this.itemKind = kind;
        return this;
    }

    public String movementNo() { return movementNo; }
    public String direction() { return direction; }
    public cn.healthcard.logistics.ItemKind itemKind() { return itemKind; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public String shipmentNo() { return shipmentNo; }
    public String batchNo() { return batchNo; }
    public int quantity() { return quantity; }
    public String cardRanges() { return cardRanges; }
    public String responsibleUnit() { return responsibleUnit; }
    public String responsiblePerson() { return responsiblePerson; }
    public Instant createdAt() { return createdAt; }
}
