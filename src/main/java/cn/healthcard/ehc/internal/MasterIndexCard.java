package cn.healthcard.ehc.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A physical card of the person (the card module's card number). */
@Entity
@Table(name = "ehc_master_index_card")
public class MasterIndexCard {

    @Id
    private String cardNo;
    private String masterIndexId;
    private Instant linkedAt;

    protected MasterIndexCard() {
    }

    public MasterIndexCard(String cardNo, String masterIndexId, Instant linkedAt) {
        this.cardNo = cardNo;
        this.masterIndexId = masterIndexId;
        this.linkedAt = linkedAt;
    }

    public String cardNo() { return cardNo; }
    public String masterIndexId() { return masterIndexId; }
}
