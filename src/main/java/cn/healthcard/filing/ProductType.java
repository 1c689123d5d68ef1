package cn.healthcard.filing;

/**
 * The products that are filed (seeds 001 §5, §10; 004 4.4), each with the kind of provider that may file it: chips,
 * card operating systems, cards, key-management systems, terminals and SAM cards.
 */
public enum ProductType {
    CHIP("芯片", "Chip", ProviderType.CHIP_PROVIDER),
    COS("卡片操作系统", "Card operating system", ProviderType.COS_DEVELOPER),
    CARD("卡片", "Card", ProviderType.CARD_MAKER),
    KEY_SYSTEM("密钥管理系统", "Key-management system", ProviderType.KEY_SYSTEM_PROVIDER),
    TERMINAL("终端", "Terminal", ProviderType.TERMINAL_PROVIDER),
    SAM("SAM卡", "SAM card", ProviderType.CHIP_PROVIDER);

    private final String nameZh;
    private final String nameEn;
    private final ProviderType provider;

    ProductType(String nameZh, String nameEn, ProviderType provider) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.provider = provider;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The kind of provider a manufacturer must be to file this product. */
    public ProviderType provider() {
        return provider;
    }
}
