package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** An admin requested a change under the two-person rule (decision 024); nothing is applied yet. */
public record UserChangeRequested(String changeId, String username, String regionCode, String detail)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "User";
    }

    @Override
    public String subjectId() {
        return username;
    }
}
