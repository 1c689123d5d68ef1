package cn.healthcard.card;

import cn.healthcard.common.AuditableEvent;

/** A card moved from one status to another (or came into being, {@code from == null}). */
public record CardStatusChanged(String cardNo, CardStatus from, CardStatus to, String regionCode)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Card";
    }

    @Override
    public String subjectId() {
        return cardNo;
    }

    @Override
    public String detail() {
        return (from == null ? "—" : from.name()) + " → " + to.name();
    }
}
