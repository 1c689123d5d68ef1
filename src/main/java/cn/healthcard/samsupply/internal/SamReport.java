package cn.healthcard.samsupply.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A province's report upward (上报单) of its approved SAM applications. */
@Entity
@Table(name = "sam_report")
public class SamReport {

    @Id
    private String reportNo;
    private String provinceCode;
    private String centreCode;
    private int applicationCount;
    private int totalQuantity;
    private String planNo;
    private String createdBy;
    private Instant createdAt;
    @Version
    private long version;

    protected SamReport() {
    }

    public SamReport(String reportNo, String provinceCode, String centreCode, int applicationCount,
                     int totalQuantity, String by, Instant now) {
        this.reportNo = reportNo;
        this.provinceCode = provinceCode;
        this.centreCode = centreCode;
        this.applicationCount = applicationCount;
        this.totalQuantity = totalQuantity;
        this.createdBy = by;
        this.createdAt = now;
    }

    public void planned(String planNo) {
        this.planNo = planNo;
    }

    public String reportNo() { return reportNo; }
    public String provinceCode() { return provinceCode; }
    public String centreCode() { return centreCode; }
    public int applicationCount() { return applicationCount; }
    public int totalQuantity() { return totalQuantity; }
    public String planNo() { return planNo; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
}
