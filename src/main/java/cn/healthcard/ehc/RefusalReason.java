package cn.healthcard.ehc;

/** Why a scanned code does not identify anyone (EHC-05). Each is a stable code for terminals, with a Chinese message. */
public enum RefusalReason {
    /** The terminal is not registered, disabled, or outside the caller's region. */
    UNREGISTERED_TERMINAL("终端未登记或已停用，不能核验电子健康卡"),
    /**
     * The text is not an e-card code, or its validity does not decrypt under the e-card's protection key (forged,
     * altered, made for another e-card, another key).
     */
    MALFORMED("不是有效的电子健康卡二维码"),
    /**
     * A dynamic code used before in a scene that allows no repeat within its validity (settlement by default,
     * {@code healthcard.ehc.verification.repeatable-scenes}).
     */
    CODE_ALREADY_USED("此动态二维码已使用过，不能重复使用，请在 APP 中刷新后重新出示"),
    /** A dynamic code past its validity. */
    EXPIRED("动态二维码已过期，请在 APP 中刷新后重新出示"),
    /** No e-card has this ID. */
    UNKNOWN("电子健康卡不存在"),
    /** The physical card is reported lost: the e-card is frozen. */
    FROZEN("实体卡已挂失，电子健康卡已冻结"),
    /** The physical card was cancelled: the e-card is revoked. */
    REVOKED("电子健康卡已注销"),
    /** A static code where the scene needs a dynamic one (record queries, settlement). */
    DYNAMIC_REQUIRED("此业务须出示 APP 生成的动态二维码，静态二维码不能使用"),
    /** The SAM card bound to the terminal is frozen (decision 030). */
    SAM_FROZEN("终端绑定的SAM卡已冻结，不能核验或用卡"),
    /** The SAM card last bound to the terminal was cancelled and no other SAM is bound to it (decision 030). */
    SAM_CANCELLED("终端绑定的SAM卡已注销，不能核验或用卡");

    private final String message;

    RefusalReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
