package cn.healthcard.sam;

import cn.healthcard.common.AuditableEvent;

/** The audited events of the SAM register and its cases (one per step a person or the system takes). */
public final class SamEvents {

    private SamEvents() {
    }

    /** SAM cards registered as made by a maker (SamCardsMade applied). */
    public record SamCardsRegistered(String batchNo, String makerCode, String regionCode, int count)
            implements AuditableEvent {
        public String subjectType() { return "SamBatch"; }
        public String subjectId() { return batchNo; }
        public String detail() { return "登记SAM卡 " + count + " 张，厂商 " + makerCode; }
    }

    /** SAM cards moved to a place on receipt (SamCardsArrived applied). */
    public record SamCardsMoved(String shipmentNo, String placeCode, String regionCode, int count)
            implements AuditableEvent {
        public String subjectType() { return "SamShipment"; }
        public String subjectId() { return shipmentNo; }
        public String detail() { return "SAM卡 " + count + " 张签收入 " + placeCode; }
    }

    /** A SAM bound, unbound or rebound (SAM-02). */
    public record SamBindingChanged(String samNo, String action, String institutionCode, String terminalType,
                                    String terminalNo, String regionCode) implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String detail() { return action + " " + institutionCode + " " + terminalType + " " + terminalNo; }
    }

    /** A freeze / unfreeze / cancel requested (SAM-04); {@code urgent}: the freeze took effect at once. */
    public record SamChangeRequested(String caseNo, String samNo, String action, String freezeReason, boolean urgent,
                                     String regionCode) implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String caseRef() { return caseNo; }
        public String detail() { return action + (freezeReason == null ? "" : " " + freezeReason)
                + (urgent ? " 紧急冻结立即生效" : ""); }
    }

    /** The supervisor's review of a SAM case. */
    public record SamChangeReviewed(String caseNo, String samNo, String decision, String comment, String regionCode)
            implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String caseRef() { return caseNo; }
        public String detail() { return decision + (comment == null ? "" : " " + comment); }
    }

    /** A request sent back, corrected and resubmitted. */
    public record SamChangeResubmitted(String caseNo, String samNo, String regionCode) implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String caseRef() { return caseNo; }
        public String detail() { return "重新提交"; }
    }

    /** A request sent back and withdrawn. */
    public record SamChangeWithdrawn(String caseNo, String samNo, String reason, String regionCode)
            implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String caseRef() { return caseNo; }
        public String detail() { return "撤回: " + reason; }
    }

    /** A SAM's state changed (FREEZE, UNFREEZE, CANCEL, URGENT_FREEZE, URGENT_LIFTED). */
    public record SamStateChanged(String caseNo, String samNo, String action, SamState from, SamState to,
                                  String regionCode) implements AuditableEvent {
        public String subjectType() { return "SamCard"; }
        public String subjectId() { return samNo; }
        public String caseRef() { return caseNo; }
        public String detail() { return action + " " + from + " → " + to; }
    }

    /** The SAM supervision counts exported (CSV / Excel). */
    public record SamStatisticsExported(String format, int rows, String regionCode) implements AuditableEvent {
        public String subjectType() { return "SamStatistics"; }
        public String subjectId() { return format; }
        public String detail() { return "导出SAM卡应用监管 " + rows + " 行"; }
    }
}
