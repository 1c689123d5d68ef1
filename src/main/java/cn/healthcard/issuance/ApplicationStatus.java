package cn.healthcard.issuance;

/** Where a card application stands. */
public enum ApplicationStatus {
    SUBMITTED("待审核", "Awaiting review"),
    RETURNED("退回修改", "Returned for correction"),
    REJECTED("不予通过", "Rejected"),
    WITHDRAWN("已撤回", "Withdrawn"),
    IN_PRODUCTION("制卡中", "In production"),
    READY("待领卡", "Ready for pick-up"),
    ISSUED("已发卡", "Issued");

    private final String nameZh;
    private final String nameEn;

    ApplicationStatus(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Whether the application still holds the resident's one-card claim. */
    public boolean inFlight() {
        return this != REJECTED && this != WITHDRAWN;
    }
}
