package cn.healthcard.samsupply.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The national SAM production plan (制卡计划) made from provinces' reports and ordered from one SAM maker. */
@Entity
@Table(name = "sam_plan")
public class SamPlan {

    @Id
    private String planNo;
    private String makerCode;
    private String orderingCentreCode;
    private String makerCreditCode;
    private String status;
    private int totalQuantity;
    private String createdBy;
    private Instant createdAt;
    @Version
    private long version;

    protected SamPlan() {
    }

    public SamPlan(String planNo, String orderingCentreCode, String makerCode, String makerCreditCode,
                   int totalQuantity, String by, Instant now) {
        this.orderingCentreCode = orderingCentreCode;
        this.planNo = planNo;
        this.makerCode = makerCode;
        this.makerCreditCode = makerCreditCode;
        this.status = "ORDERED";
        this.totalQuantity = totalQuantity;
        this.createdBy = by;
        this.createdAt = now;
    }

    public void status(String status) {
        this.status = status;
    }

    public String planNo() { return planNo; }
    public String makerCode() { return makerCode; }
    public String makerCreditCode() { return makerCreditCode; }
    public String orderingCentreCode() { return orderingCentreCode; }
    public String status() { return status; }
    public int totalQuantity() { return totalQuantity; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
}
