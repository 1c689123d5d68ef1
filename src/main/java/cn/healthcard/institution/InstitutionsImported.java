package cn.healthcard.institution;

import cn.healthcard.common.AuditableEvent;

/**
 * An import (INT-01) wrote institutions to the register: one audit entry for the whole import; each institution's
 * state is in the exchange log ({@code firstSeq}…{@code lastSeq}). Decision 023.
 */
public record InstitutionsImported(String source, String regionCode, int accepted, int duplicates, long firstSeq,
                                   long lastSeq, String detail) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "InstitutionImport";
    }

    @Override
    public String subjectId() {
        return source;
    }
}
