package cn.healthcard.security;

import cn.healthcard.common.AuditableEvent;

/** A password was reset by an admin or changed by its owner (decision 024); never the password or its hash. */
public record UserPasswordChanged(String username, String regionCode, boolean reset) implements AuditableEvent {

    @Override
    public String eventType() {
        return reset ? "UserPasswordReset" : "UserPasswordChanged";
    }

    @Override
    public String subjectType() {
        return "User";
    }

    @Override
    public String subjectId() {
        return username;
    }

    @Override
    public String detail() {
        return reset ? "管理员重置密码，下次登录须修改" : "用户修改本人密码";
    }
}
