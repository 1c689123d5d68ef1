package cn.healthcard.card;

import cn.healthcard.common.ConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static cn.healthcard.card.CardAction.*;
import static cn.healthcard.card.CardStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("LC-01…LC-06 the card state machine: every status × action, legal or refused with its reason")
class CardTransitionsTest {

    /** The whole table: status → (action → target); anything not listed is refused. */
    private static final Map<CardStatus, Map<CardAction, CardStatus>> LEGAL = Map.of(
            READY, Map.of(ACTIVATE, ACTIVE, CardAction.VOID, CANCELLED),
            ACTIVE, Map.of(REPORT_LOSS, REPORTED_LOST, PIN_LOCK, PIN_LOCKED, REPLACE, REPLACED, CANCEL, CANCELLED),
            REPORTED_LOST, Map.of(UNLOSS, ACTIVE, REPLACE, REPLACED, CANCEL, CANCELLED),
            PIN_LOCKED, Map.of(UNLOCK, ACTIVE, REPORT_LOSS, REPORTED_LOST, REPLACE, REPLACED, CANCEL, CANCELLED),
            REPLACED, Map.of(),
            CANCELLED, Map.of());

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (CardStatus s : CardStatus.values()) {
            for (CardAction a : CardAction.values()) {
                pairs.add(Arguments.of(s, a, LEGAL.get(s).get(a)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @MethodSource("everyPair")
    void transition(CardStatus from, CardAction action, CardStatus expected) {
        if (expected != null) {
            assertThat(CardTransitions.allowed(from, action)).isTrue();
            assertThat(CardTransitions.target("1101050000001", from, action)).isEqualTo(expected);
        } else {
            assertThat(CardTransitions.allowed(from, action)).isFalse();
            assertThatThrownBy(() -> CardTransitions.target("1101050000001", from, action))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("1101050000001")
                    .satisfies(e -> assertThat(((ConflictException) e).code())
                            .isEqualTo(from.terminal() ? "CARD_TERMINATED" : "ILLEGAL_TRANSITION"));
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("LC-06 a terminated card can never be re-enabled by any means")
    void terminatedIsFinal() {
        for (CardAction a : CardAction.values()) {
            assertThatThrownBy(() -> CardTransitions.target("X", CANCELLED, a)).hasMessageContaining("无法通过任何方式重新启用");
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("LC-02 LC-03 refusals say exactly why")
    void specificMessages() {
        assertThatThrownBy(() -> CardTransitions.target("X", ACTIVE, UNLOSS)).hasMessageContaining("未挂失，不能解挂");
        assertThatThrownBy(() -> CardTransitions.target("X", ACTIVE, UNLOCK)).hasMessageContaining("未被密码锁定，不能解锁");
    }
}
