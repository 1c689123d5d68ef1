package cn.healthcard.gateway;

/** Whether an SDK or an app may be used (EHC-06); a disabled app's requests are refused with APP_DISABLED. */
public enum AppState {
    ACTIVE("启用", "Active"), DISABLED("停用", "Disabled");

    private final String nameZh;
    private final String nameEn;

    AppState(String nameZh, String nameEn) {
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
