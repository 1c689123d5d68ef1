package cn.healthcard.samsupply;

import cn.healthcard.common.AuditableEvent;

import java.util.List;

/** Audited steps of the SAM supply chain (SAM-01…03): applications, reports, plans, orders and the makers' answers. */
public final class SamSupplyEvents {

    private SamSupplyEvents() {
    }

    /** A step of an application: subject and case reference are its number. */
    public interface SamApplicationEvent extends AuditableEvent {
        String applicationNo();

        @Override
        default String subjectType() {
            return "SamApplication";
        }

        @Override
        default String subjectId() {
            return applicationNo();
        }

        @Override
        default String caseRef() {
            return applicationNo();
        }
    }

    public record SamApplicationSubmitted(String applicationNo, String regionCode, String institutionCode,
                                          SamTerminalType terminalType, int quantity) implements SamApplicationEvent {
        public String detail() {
            return institutionCode + " " + terminalType.nameZh() + " " + quantity + " 张";
        }
    }

    public record SamApplicationReviewed(String applicationNo, String regionCode, String decision, String comment)
            implements SamApplicationEvent {
        public String detail() {
            return decision + (comment == null ? "" : "：" + comment);
        }
    }

    public record SamApplicationResubmitted(String applicationNo, String regionCode, int quantity)
            implements SamApplicationEvent {
        public String detail() {
            return "修改后重新提交，" + quantity + " 张";
        }
    }

    public record SamApplicationWithdrawn(String applicationNo, String regionCode, String reason)
            implements SamApplicationEvent {
        public String detail() {
            return "撤回：" + reason;
        }
    }

    /** A province's report upward (上报单) with the applications it lists. */
    public record SamApplicationsReported(String reportNo, String regionCode, List<String> applicationNos,
                                          int totalQuantity) implements AuditableEvent {
        public String subjectType() {
            return "SamReport";
        }

        public String subjectId() {
            return reportNo;
        }

        public String detail() {
            return applicationNos.size() + " 份申领，共 " + totalQuantity + " 张：" + String.join(",", applicationNos);
        }
    }

    /** The national production plan, ordered from a SAM maker with a SAM filing in force. */
    public record SamPlanOrdered(String planNo, String regionCode, String makerCode, String makerCreditCode,
                                 List<String> reportNos, int totalQuantity) implements AuditableEvent {
        public String subjectType() {
            return "SamPlan";
        }

        public String subjectId() {
            return planNo;
        }

        public String detail() {
            return "制卡机构 " + makerCode + "（" + makerCreditCode + "），上报单 " + String.join(",", reportNos)
                    + "，共 " + totalQuantity + " 张";
        }
    }

    /** The maker's answer to an order, recorded and applied: made and failed counts, batch and shipment. */
    public record SamOrderAnswered(String orderNo, String regionCode, String applicationNo, String batchNo,
                                   int made, int failed, String shipmentNo) implements AuditableEvent {
        public String subjectType() {
            return "SamOrder";
        }

        public String subjectId() {
            return orderNo;
        }

        public String caseRef() {
            return applicationNo;
        }

        public String detail() {
            return "批次 " + batchNo + " 成功 " + made + " 张，失败 " + failed + " 张，运单 " + shipmentNo;
        }
    }

    /** A call to the maker failed (it will be retried): the order stays open. */
    public record SamOrderFailed(String orderNo, String regionCode, String applicationNo, int attempts,
                                 String error) implements AuditableEvent {
        public String subjectType() {
            return "SamOrder";
        }

        public String subjectId() {
            return orderNo;
        }

        public String caseRef() {
            return applicationNo;
        }

        public String detail() {
            return "第 " + attempts + " 次下单失败：" + error;
        }
    }
}
