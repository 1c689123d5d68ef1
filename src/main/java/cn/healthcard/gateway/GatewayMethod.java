package cn.healthcard.gateway;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an authorised app may ask the e-card gateway for (EHC-06, INT-05): an SDK offers a set of these, an app
 * authorised for the SDK may call them. {@link #code()} is the envelope's {@code method}.
 */
public enum GatewayMethod {
    /** 电子健康卡注册 (EHC-03): registration with channel APP and the app as client. */
    REGISTER("ehc.card.register", "电子健康卡注册", "E-card registration", false),
    /** 申请二维码 (EHC-04): the static or a new dynamic code of the resident's e-card. */
    QR_CODE("ehc.qr.get", "申请二维码", "QR code", false),
    /** 二维码核验 (EHC-05): a scanned code verified for a registered terminal of the app's institution. */
    VERIFY("ehc.code.verify", "二维码核验", "Code verification", true),
    /** 个人查询 (INT-05, EHC-07): the resident's cards, e-card and hospital visit cards. */
    PERSONAL_QUERY("ehc.person.query", "居民个人查询", "Personal query", false);

    private final String code;
    private final String nameZh;
    private final String nameEn;
    private final boolean terminalRequired;

    GatewayMethod(String code, String nameZh, String nameEn, boolean terminalRequired) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.terminalRequired = terminalRequired;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Whether {@code term_id} must name a registered, active terminal of the app's institution. */
    public boolean terminalRequired() {
        return terminalRequired;
    }

    public static Optional<GatewayMethod> ofCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
