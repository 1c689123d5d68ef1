package cn.healthcard.institution;

/** Whether an institution may take new business. A cancelled institution keeps its row and history (ORG-01…04). */
public enum InstitutionStatus {
    ACTIVE("正常", "Active"),
    CANCELLED("已注销", "Cancelled");

    private final String nameZh;
    private final String nameEn;

    InstitutionStatus(String nameZh, String nameEn) {
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
