package cn.healthcard.sam;

/** Whether a SAM card may be used: in use (or usable), frozen (may be unfrozen), or cancelled (final). */
public enum SamState {
    ACTIVE("正常", "Active"), FROZEN("已冻结", "Frozen"), CANCELLED("已注销", "Cancelled");

    private final String nameZh;
    private final String nameEn;

    SamState(String nameZh, String nameEn) {
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
