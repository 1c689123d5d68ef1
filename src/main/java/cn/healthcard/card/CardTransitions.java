package cn.healthcard.card;

import cn.healthcard.common.ConflictException;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static cn.healthcard.card.CardAction.ACTIVATE;
import static cn.healthcard.card.CardAction.CANCEL;
import static cn.healthcard.card.CardAction.PIN_LOCK;
import static cn.healthcard.card.CardAction.REPLACE;
import static cn.healthcard.card.CardAction.REPORT_LOSS;
import static cn.healthcard.card.CardAction.UNLOCK;
import static cn.healthcard.card.CardAction.UNLOSS;
import static cn.healthcard.card.CardStatus.ACTIVE;
import static cn.healthcard.card.CardStatus.CANCELLED;
import static cn.healthcard.card.CardStatus.PIN_LOCKED;
import static cn.healthcard.card.CardStatus.READY;
import static cn.healthcard.card.CardStatus.REPLACED;
import static cn.healthcard.card.CardStatus.REPORTED_LOST;

/**
 * The card state machine (seed 001 §12–13): which action is legal from which status, and where it leads.
 * Illegal moves are refused with a specific Chinese message; a terminated card refuses everything (LC-06).
 */
public final class CardTransitions {

    private record Rule(Set<CardStatus> from, CardStatus to) {
    }

    private static final Map<CardAction, Rule> RULES = new EnumMap<>(CardAction.class);

    static {
        RULES.put(ACTIVATE, new Rule(EnumSet.of(READY), ACTIVE));
        RULES.put(REPORT_LOSS, new Rule(EnumSet.of(ACTIVE, PIN_LOCKED), REPORTED_LOST));
        RULES.put(UNLOSS, new Rule(EnumSet.of(REPORTED_LOST), ACTIVE));
        RULES.put(PIN_LOCK, new Rule(EnumSet.of(ACTIVE), PIN_LOCKED));
        RULES.put(UNLOCK, new Rule(EnumSet.of(PIN_LOCKED), ACTIVE));
        RULES.put(REPLACE, new Rule(EnumSet.of(ACTIVE, PIN_LOCKED, REPORTED_LOST), REPLACED));
        RULES.put(CANCEL, new Rule(EnumSet.of(ACTIVE, PIN_LOCKED, REPORTED_LOST), CANCELLED));
        RULES.put(CardAction.VOID, new Rule(EnumSet.of(READY), CANCELLED));
    }

    private CardTransitions() {
    }

    /** Whether the action is legal in the status. */
    public static boolean allowed(CardStatus from, CardAction action) {
        return RULES.get(action).from().contains(from);
    }

    /** The status after the action, or a {@link ConflictException} saying exactly why it is not possible. */
    public static CardStatus target(String cardNo, CardStatus from, CardAction action) {
        if (from.terminal()) {
            throw new ConflictException("CARD_TERMINATED", "卡片 " + cardNo + " 已" + (from == REPLACED ? "换卡注销" : "注销")
                    + "，不能再办理任何业务，也无法通过任何方式重新启用");
        }
        if (!allowed(from, action)) {
            throw new ConflictException("ILLEGAL_TRANSITION", reason(cardNo, from, action));
        }
        return RULES.get(action).to();
    }

    private static String reason(String cardNo, CardStatus from, CardAction action) {
        String card = "卡片 " + cardNo + " 当前状态为「" + from.nameZh() + "」，";
        return switch (action) {
            case UNLOSS -> card + "未挂失，不能解挂";
            case UNLOCK -> card + "未被密码锁定，不能解锁";
            case REPORT_LOSS -> card + "不能挂失";
            case ACTIVATE -> card + "不是待领取的新卡，不能启用";
            case PIN_LOCK -> card + "不能锁定";
            case REPLACE -> card + "不能补换";
            case CANCEL -> card + (from == READY ? "尚未领取，不能注销" : "不能注销");
            case VOID -> card + "已发放，不能作废";
        };
    }
}
