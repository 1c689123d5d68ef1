package cn.healthcard.ehc;

/** The status of an e-card account; it follows the physical card it belongs to (EHC-03). */
public enum EhcStatus {
    /** 正常: codes of the e-card are accepted. */
    ACTIVE("正常", "Active"),
    /** 冻结: the physical card is reported lost; every code is refused until the loss report is withdrawn. */
    FROZEN("冻结", "Frozen"),
    /** 已注销: the physical card was cancelled; the e-card is revoked for good. */
    REVOKED("已注销", "Revoked");

    private final String nameZh;
    private final String nameEn;

    EhcStatus(String nameZh, String nameEn) {
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
