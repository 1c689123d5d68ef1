package cn.healthcard.keys;

/**
 * What a key of the hierarchy is for: each purpose has its own three levels (national → provincial → city). The seeds
 * name the card application keys the electronic health card reuses from the provinces' key-management systems (003
 * §5.3): the application-data-read key (安全密钥, the e-card ID) and the internal-authentication key (保护密钥, the
 * dynamic QR validity). Further card keys would be further constants; see docs/decisions/014-key-hierarchy.md.
 */
public enum KeyPurpose {
    APP_DATA_READ("app-data-read", "应用数据读取密钥", "Application data read key"),
    INTERNAL_AUTH("internal-auth", "内部认证密钥", "Internal authentication key");

    private final String labelPart;
    private final String nameZh;
    private final String nameEn;

    KeyPurpose(String labelPart, String nameZh, String nameEn) {
        this.labelPart = labelPart;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    /** The purpose's word in key labels, e.g. {@code app-data-read} in {@code hc.app-data-read.110000}. */
    public String labelPart() {
        return labelPart;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The purpose whose label word is {@code part}. */
    static java.util.Optional<KeyPurpose> ofLabelPart(String part) {
        for (KeyPurpose p : values()) {
            if (p.labelPart.equals(part)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
