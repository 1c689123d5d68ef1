package cn.healthcard.samsupply;

import java.time.Instant;
import java.util.List;

/** The national SAM production plan with its maker and its orders (one per application). */
public record SamPlanView(String planNo, String makerCode, String makerName, String makerCreditCode, String status,
                          int totalQuantity, String createdBy, Instant createdAt, List<String> reportNos,
                          List<Order> orders) {

    public SamPlanView {
        reportNos = List.copyOf(reportNos);
        orders = List.copyOf(orders);
    }

    /** An order of the plan: the application, its quantity, and what the maker answered. */
    public record Order(String orderNo, String applicationNo, String institutionCode, String receiverCode,
                        int quantity, SamOrderStatus status, int attempts, String batchNo, int madeCount,
                        int failedCount, String shipmentNo) {
    }
}
