package cn.healthcard.audit;

import cn.healthcard.common.AuditableEvent;

/** Someone read a resident's personal data in plaintext (SEC-03): which record, from which screen or API. */
public record PersonalDataRead(String residentId, String regionCode, String purpose) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Resident";
    }

    @Override
    public String subjectId() {
        return residentId;
    }

    @Override
    public String detail() {
        return purpose;
    }
}
