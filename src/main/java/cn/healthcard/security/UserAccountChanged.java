package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

import java.util.Set;

/**
 * A user was created, changed, disabled or re-enabled (SEC-01, decision 024); carries the user's roles and state
 * after the change so that the process engine's group memberships follow at once (the workflow module listens).
 */
public record UserAccountChanged(Action action, String username, String displayName, String regionCode,
                                 Set<Role> roles, boolean enabled, String detail) implements AuditableEvent {

    public enum Action { CREATED, MODIFIED, DISABLED, ENABLED }

    @Override
    public String eventType() {
        return switch (action) {
            case CREATED -> "UserCreated";
            case MODIFIED -> "UserModified";
            case DISABLED -> "UserDisabled";
            case ENABLED -> "UserEnabled";
        };
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
