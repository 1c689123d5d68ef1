package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamOrderStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One application's part of a plan, ordered from the plan's SAM maker, with the maker's answer once recorded. */
@Entity
@Table(name = "sam_order")
public class SamOrder {

    @Id
    private String orderNo;
    private String planNo;
    private String applicationNo;
    private String makerCode;
    private String receiverCode;
    private String institutionCode;
    private String regionCode;
    private int quantity;
    @Enumerated(EnumType.STRING)
    private SamOrderStatus status;
    private int attempts;
    private String lastError;
    private String batchNo;
    private int madeCount;
    private int failedCount;
    private String shipmentNo;
    private Instant orderedAt;
    private Instant answeredAt;
    private Instant nextAttemptAt;
    private Instant claimedAt;
    @Version
    private long version;

    protected SamOrder() {
    }

    public SamOrder(String orderNo, String planNo, String applicationNo, String makerCode, String receiverCode,
                    String institutionCode, String regionCode, int quantity, Instant now) {
        this.orderNo = orderNo;
        this.planNo = planNo;
        this.applicationNo = applicationNo;
        this.makerCode = makerCode;
        this.receiverCode = receiverCode;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.quantity = quantity;
        this.status = SamOrderStatus.ORDERED;
        this.orderedAt = now;
        this.nextAttemptAt = now;
    }

    /**
     * A failed attempt: back to ORDERED, tried again after {@code backOff}; FAILED for good once {@code maxAttempts}
     * are used up.
     */
    public void failedAttempt(String error, int maxAttempts, java.time.Duration backOff, Instant now) {
        this.attempts++;
        this.lastError = cut(error);
        this.claimedAt = null;
        this.nextAttemptAt = now.plus(backOff);
        this.status = attempts >= maxAttempts ? SamOrderStatus.FAILED : SamOrderStatus.ORDERED;
    }

    /** Refused for good (a malformed answer, a maker without a SAM filing in force): never sent again. */
    public void refused(String error) {
        this.attempts++;
        this.lastError = cut(error);
        this.claimedAt = null;
        this.status = SamOrderStatus.FAILED;
    }

    private static String cut(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }

    public void made(String batchNo, int made, int failed, String shipmentNo, Instant now) {
        this.attempts++;
        this.status = SamOrderStatus.MADE;
        this.batchNo = batchNo;
        this.madeCount = made;
        this.failedCount = failed;
        this.shipmentNo = shipmentNo;
        this.answeredAt = now;
        this.claimedAt = null;
        this.lastError = null;
    }

    public String orderNo() { return orderNo; }
    public String planNo() { return planNo; }
    public String applicationNo() { return applicationNo; }
    public String makerCode() { return makerCode; }
    public String receiverCode() { return receiverCode; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public int quantity() { return quantity; }
    public SamOrderStatus status() { return status; }
    public int attempts() { return attempts; }
    public String lastError() { return lastError; }
    public String batchNo() { return batchNo; }
    public int madeCount() { return madeCount; }
    public int failedCount() { return failedCount; }
    public String shipmentNo() { return shipmentNo; }
    public Instant orderedAt() { return orderedAt; }
    public Instant answeredAt() { return answeredAt; }
}
