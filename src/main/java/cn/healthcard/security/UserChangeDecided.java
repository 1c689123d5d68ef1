package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** A second admin approved (and so applied) or rejected a change under the two-person rule (decision 024). */
public record UserChangeDecided(String changeId, String username, String regionCode, boolean approved, String detail)
        implements AuditableEvent {

    @Override
    public String eventType() {
        return approved ? "UserChangeApproved" : "UserChangeRejected";
    }

    @Override
    public String subjectType() {
        return "User";
    }

    @Override
    public String subjectId() {
        return username;
    }
}
