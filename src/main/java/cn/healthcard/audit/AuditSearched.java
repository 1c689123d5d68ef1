package cn.healthcard.audit;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone searched or exported the audit trail (SEC-03: who looked for whom is itself on record). The filters are
 * recorded with document number and name masked.
 */
public record AuditSearched(String username, String regionCode, String how, String filters)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "AuditTrail";
    }

    @Override
    public String subjectId() {
        return username;
    }

    @Override
    public String detail() {
        return how + ": " + filters;
    }
}
