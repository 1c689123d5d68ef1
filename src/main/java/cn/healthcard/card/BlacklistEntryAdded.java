package cn.healthcard.card;

import cn.healthcard.common.AuditableEvent;

/** A resident or a card was put on the blacklist (BL-02). No personal data: the card number is not personal. */
public record BlacklistEntryAdded(long entryId, BlacklistKind kind, String cardNo, String reason, String regionCode)
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
