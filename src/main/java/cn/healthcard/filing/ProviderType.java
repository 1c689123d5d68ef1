package cn.healthcard.filing;

/** The kinds of applicant (seeds 001 §5, §10; 002 §10): who may apply for the filing of which products. */
public enum ProviderType {
    CHIP_PROVIDER("芯片提供商", "Chip provider"),
    COS_DEVELOPER("卡片操作系统开发商", "COS developer"),
    CARD_MAKER("卡片制造商", "Card maker"),
    KEY_SYSTEM_PROVIDER("密钥管理系统提供商", "Key-system provider"),
    TERMINAL_PROVIDER("终端提供商", "Terminal provider");

    private final String nameZh;
    private final String nameEn;

    ProviderType(String nameZh, String nameEn) {
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
