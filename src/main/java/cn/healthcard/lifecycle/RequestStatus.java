package cn.healthcard.lifecycle;

/** Where a card request stands. */
public enum RequestStatus {
    SUBMITTED("待审核", "Awaiting review"),
    RETURNED("退回修改", "Returned for correction"),
    REJECTED("不予通过", "Rejected"),
    WITHDRAWN("已撤回", "Withdrawn"),
    APPROVED("已通过，办理中", "Approved, in progress"),
    COMPLETED("已办结", "Completed");

    private final String nameZh;
    private final String nameEn;

    RequestStatus(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
