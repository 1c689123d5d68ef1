package cn.healthcard.samsupply.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A SAM maker's answer to an order, kept as received (one per order) before it is applied. */
@Entity
@Table(name = "sam_maker_answer")
public class SamMakerAnswerRecord {

    @Id
    private String orderNo;
    private String batchNo;
    private String makerCode;
    private int madeCount;
    private int failedCount;
    private String samNumbers;
    private Instant receivedAt;

    protected SamMakerAnswerRecord() {
    }

    public SamMakerAnswerRecord(String orderNo, String batchNo, String makerCode, int madeCount, int failedCount,
                                String samNumbers, Instant receivedAt) {
        this.orderNo = orderNo;
        this.batchNo = batchNo;
        this.makerCode = makerCode;
        this.madeCount = madeCount;
        this.failedCount = failedCount;
        this.samNumbers = samNumbers;
        this.receivedAt = receivedAt;
    }

    public String orderNo() { return orderNo; }
    public String batchNo() { return batchNo; }
    public String samNumbers() { return samNumbers; }
    public int failedCount() { return failedCount; }

    /** The SAM numbers as stored (comma-separated). */
    public java.util.List<String> samNumberList() {
        return samNumbers == null || samNumbers.isEmpty() ? java.util.List.of()
                : java.util.List.of(samNumbers.split(","));
    }
}
