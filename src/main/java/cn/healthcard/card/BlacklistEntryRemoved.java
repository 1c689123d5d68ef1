package cn.healthcard.card;

import cn.healthcard.common.AuditableEvent;

/** A blacklist entry was removed, by hand or because a lost card was found (BL-02, LC-02); the row stays. */
public record BlacklistEntryRemoved(long entryId, BlacklistKind kind, String cardNo, String reason, String regionCode)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "BlacklistEntry";
    }

    @Override
    public String subjectId() {
        return Long.toString(entryId);
    }

    @Override
    public String detail() {
        return kind.name() + (cardNo == null ? "" : " " + cardNo) + ": " + reason;
    }
}
