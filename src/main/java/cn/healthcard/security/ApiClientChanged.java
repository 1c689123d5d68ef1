package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** A machine client was registered, enabled, disabled or given a new secret (decision 020). */
public record ApiClientChanged(String clientId, String regionCode, String detail) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "ApiClient";
    }

    @Override
    public String subjectId() {
        return clientId;
    }
}
