package cn.healthcard.filing;

/** Where a product filing stands; only {@link #FILED} within its validity period is in the catalogue. */
public enum FilingStatus {
    IN_REVIEW("审核中", "In review"),
    RETURNED("退回补正", "Returned for completion"),
    FILED("已备案", "Filed"),
    REJECTED("未通过", "Rejected"),
    WITHDRAWN("已撤回", "Withdrawn"),
    EXPIRED("已失效", "Expired"),
    REVOKED("已撤销", "Revoked");

    private final String nameZh;
    private final String nameEn;

    FilingStatus(String nameZh, String nameEn) {
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
