package cn.healthcard.gateway;

import cn.healthcard.common.AuditableEvent;

/**
 * Audited events of the app gateway (EHC-06, decision 015): SDKs and apps changed, signed requests served or refused.
 * Their event types (the class names) are those the e-card module used before the gateway became a module of its own.
 */
public final class GatewayEvents {

    private GatewayEvents() {
    }

    /** An SDK was registered, disabled or enabled (EHC-06). */
    public record EhcSdkChanged(String sdkId, String regionCode, String what) implements AuditableEvent {
        public String subjectType() {
            return "EhcSdk";
        }

        public String subjectId() {
            return sdkId;
        }

        public String detail() {
            return what;
        }
    }

    /**
     * An app was registered, disabled or enabled, got a new secret (its version only, never the secret), or was
     * authorised for an SDK or had an authorization revoked (EHC-06).
     */
    public record EhcAppChanged(String appId, String regionCode, String what) implements AuditableEvent {
        public String subjectType() {
            return "EhcApp";
        }

        public String subjectId() {
            return appId;
        }

        public String detail() {
            return what;
        }
    }

    /**
     * The gateway served an app's signed request (EHC-06): method, terminal and — when the request concerned a
     * person — the master index (no personal data).
     */
    public record GatewayRequestServed(String appId, String regionCode, String method, String termId,
                                       String masterIndexId) implements AuditableEvent {
        public String subjectType() {
            return "EhcApp";
        }

        public String subjectId() {
            return appId;
        }

        public String detail() {
            return "SERVED " + method + (termId == null ? "" : " term=" + termId)
                    + (masterIndexId == null ? "" : " 主索引 " + masterIndexId);
        }
    }

    /** The gateway refused a request (EHC-06): the refusal code, the app id as claimed, the method asked for. */
    public record GatewayRequestRefused(String appId, String regionCode, String method, String termId, String code)
            implements AuditableEvent {
        public String subjectType() {
            return "EhcApp";
        }

        public String subjectId() {
            return appId;
        }

        public String detail() {
            return "REFUSED " + code + (method == null ? "" : " " + method) + (termId == null ? "" : " term=" + termId);
        }
    }
}
