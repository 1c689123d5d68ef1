package cn.healthcard.ehc.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A hospital visit card (就诊卡) registered by the institution that issued it (EHC-07). */
@Entity
@Table(name = "ehc_visit_card")
public class VisitCard {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String masterIndexId;
    private String institutionCode;
    private String visitCardNo;
    private Instant registeredAt;
    private String registeredBy;

    protected VisitCard() {
    }

    public VisitCard(String masterIndexId, String institutionCode, String visitCardNo, Instant registeredAt,
                     String registeredBy) {
        this.masterIndexId = masterIndexId;
        this.institutionCode = institutionCode;
        this.visitCardNo = visitCardNo;
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
    }

    public String masterIndexId() { return masterIndexId; }
    public String institutionCode() { return institutionCode; }
    public String visitCardNo() { return visitCardNo; }
    public Instant registeredAt() { return registeredAt; }
    public String registeredBy() { return registeredBy; }
}
