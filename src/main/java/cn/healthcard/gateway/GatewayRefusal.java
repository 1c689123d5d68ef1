package cn.healthcard.gateway;

import java.util.Map;

/**
 * A request the e-card gateway refuses before any work is done (EHC-06): a stable {@code code}, the HTTP status and a
 * Chinese message, optionally the envelope fields at fault. Audited; nothing was changed.
 */
public class GatewayRefusal extends RuntimeException {

    /** The refusal reasons with their HTTP status and message. */
    public enum Code {
        ENVELOPE_INVALID(400, "请求报文不完整或格式不正确"),
        APP_UNKNOWN(401, "应用未登记"),
        SIGNATURE_INVALID(401, "签名验证失败"),
        TIMESTAMP_OUT_OF_WINDOW(401, "请求时间戳超出允许范围，请校准时钟后重新签名"),
        APP_DISABLED(403, "应用已停用"),
        APP_NOT_AUTHORISED_FOR_SDK(403, "应用未获任何 SDK 授权"),
        APP_NOT_AUTHORISED_FOR_METHOD(403, "应用获授权的 SDK 不提供此接口"),
        TERMINAL_UNREGISTERED(403, "终端未登记、已停用或不属于本应用的机构"),
        NONCE_REUSED(409, "请求随机数已使用（重放请求）"),
        BODY_UNDECRYPTABLE(400, "业务内容无法解密或不是 JSON 对象");

        private final int status;
        private final String message;

        Code(int status, String message) {
            this.status = status;
            this.message = message;
        }

        public int status() {
            return status;
        }

        public String message() {
            return message;
        }
    }

    private final Code code;
    private final Map<String, String> fields;

    public GatewayRefusal(Code code) {
        this(code, Map.of());
    }

    /** @param fields envelope parameter → what is wrong with it */
    public GatewayRefusal(Code code, Map<String, String> fields) {
        super(code.message());
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public Code code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
