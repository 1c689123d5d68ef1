package cn.healthcard.institution;

import cn.healthcard.common.AuditableEvent;

/** An institution was modified in the register (ORG-01…04); recorded by the audit module. */
public record InstitutionModified(String code, InstitutionKind kind, String regionCode, long version, String detail)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Institution";
    }

    @Override
    public String subjectId() {
        return code;
    }
}
