package cn.healthcard.card;

import cn.healthcard.common.AuditableEvent;

/**
 * A card moved from one status to another (or came into being, {@code from == null}).
 *
 * @param caseRef the application or request that caused the change, if any
 */
public record CardStatusChanged(String cardNo, CardStatus from, CardStatus to, String regionCode, String residentId,
                                String caseRef)
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
