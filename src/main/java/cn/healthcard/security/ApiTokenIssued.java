package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** An access token was issued to a machine client (OAuth 2 client credentials, decision 020); never the token. */
public record ApiTokenIssued(String clientId, String regionCode, String detail) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "ApiClient";
    }

    @Override
    public String subjectId() {
        return clientId;
    }
}
