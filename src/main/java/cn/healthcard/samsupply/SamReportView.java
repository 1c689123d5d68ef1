package cn.healthcard.samsupply;

import java.time.Instant;
import java.util.List;

/** A province's report upward (上报单) with the applications it lists. */
public record SamReportView(String reportNo, String provinceCode, String centreCode, int applicationCount,
                            int totalQuantity, String planNo, String createdBy, Instant createdAt,
                            List<SamApplicationView> applications) {

    public SamReportView {
        applications = List.copyOf(applications);
    }
}
