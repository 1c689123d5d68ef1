package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** An admin lifted the sign-in lock of an account (decision 019). */
public record UserLockoutCleared(String username, boolean wasLocked, int failures) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "User";
    }

    @Override
    public String subjectId() {
        return username;
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        return (wasLocked ? "locked" : "not locked") + ", " + failures + " failed sign-ins forgotten";
    }
}
