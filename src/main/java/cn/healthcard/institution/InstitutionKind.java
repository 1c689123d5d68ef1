package cn.healthcard.institution;

/**
 * The four kinds of institution in the register (ORG-01…04, seed 004 4.1.1–4.1.4), plus the service desks the card
 * application already uses. Decision 023.
 */
public enum InstitutionKind {
    /** 注册管理中心 at national (000000), provincial (XX0000) or city (XXXX00) level. ORG-01. */
    REGISTRATION_CENTRE("注册管理中心", "Registration management centre"),
    /**
     * 服务网点: a front desk where residents apply and collect cards. Not one of the seed's four kinds; kept because
     * existing applications and users belong to such desks (decision 023).
     */
    SERVICE_POINT("服务网点", "Service point"),
    /** 医疗卫生机构. ORG-02. */
    MEDICAL("医疗卫生机构", "Medical institution"),
    /** 制卡机构. ORG-03. */
    CARD_MAKER("制卡机构", "Card-making organisation"),
    /** 金融机构. ORG-04. */
    FINANCIAL("金融机构", "Financial institution");

    private final String nameZh;
    private final String nameEn;

    InstitutionKind(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The kind named by its constant ({@code MEDICAL}) or its Chinese name ({@code 医疗卫生机构}), as import files write it. */
    public static java.util.Optional<InstitutionKind> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return java.util.Optional.empty();
        }
        String s = raw.strip();
        for (InstitutionKind k : values()) {
            if (k.name().equalsIgnoreCase(s) || k.nameZh.equals(s)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
