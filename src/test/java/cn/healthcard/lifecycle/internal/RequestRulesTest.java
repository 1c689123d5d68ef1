package cn.healthcard.lifecycle.internal;

import cn.healthcard.card.CardStatus;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.lifecycle.CardRequestData;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.support.TestResidents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static cn.healthcard.card.CardStatus.ACTIVE;
import static cn.healthcard.card.CardStatus.PIN_LOCKED;
import static cn.healthcard.card.CardStatus.REPORTED_LOST;
import static cn.healthcard.lifecycle.RequestType.CANCELLATION;
import static cn.healthcard.lifecycle.RequestType.LOSS_REPORT;
import static cn.healthcard.lifecycle.RequestType.REPLACEMENT;
import static cn.healthcard.lifecycle.RequestType.UNLOCK;
import static cn.healthcard.lifecycle.RequestType.UNLOSS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lifecycle form rules (附表1–4, 注销) without Spring: each row is one request type with one field changed from a
 * valid form, and the fields the rules must name (none = accepted). The resident record and the card maker are not
 * needed for these checks.
 */
@DisplayName("LC-01…LC-06 lifecycle request rules: every form field, valid or refused with the field named")
class RequestRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String ID_NUMBER = TestResidents.idNumber(LocalDate.of(1985, 6, 1), "1");
    /** Marks a field to leave out of the form. */
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    private final RequestRules rules = new RequestRules(null, null, CLOCK);

    /** A complete, valid form of the type (what the clerk's form or the API sends). */
    private static Map<String, Object> valid(RequestType type) {
        Map<String, Object> form = new LinkedHashMap<>(Map.of("cardNo", "1101050000000001",
                "applicantPhone", "13912345678", "identityDocumentType", "01", "identityDocumentNumber", ID_NUMBER));
        switch (type) {
            case LOSS_REPORT -> form.putAll(Map.of("lossReason", "地铁站遗失", "lossDate", TODAY.toString()));
            case UNLOSS -> form.putAll(Map.of("unlossReason", "卡片已找回", "cardPresented", true));
            case UNLOCK -> form.putAll(Map.of("lockReason", "输错三次", "lockDate", TODAY.minusDays(1).toString(),
                    "cardPresented", true));
            case REPLACEMENT -> form.putAll(Map.of("replacementReason", "DAMAGED", "oldCardReturned", true,
                    "feeAmount", 20));
            case CANCELLATION -> form.putAll(Map.of("cancellationReason", "出国定居"));
        }
        return form;
    }

    private static CardRequestData data(Map<String, Object> form) {
        Map<String, Object> details = new HashMap<>(form);
        String cardNo = (String) details.remove("cardNo");
        String phone = (String) details.remove("applicantPhone");
        String type = (String) details.remove("identityDocumentType");
        String number = (String) details.remove("identityDocumentNumber");
        return new CardRequestData(cardNo, phone, type, number, details);
    }

    private static CardRequestData with(RequestType type, Object... keyValues) {
        Map<String, Object> form = valid(type);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == ABSENT) {
                form.remove((String) keyValues[i]);
            } else {
                form.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return data(form);
    }

    private static Arguments row(String requirement, RequestType type, List<String> fields, Object... keyValues) {
        return Arguments.of(requirement, type, List.of(keyValues).toString(), with(type, keyValues), fields);
    }

    static Stream<Arguments> forms() {
        List<String> none = List.of();
        return Stream.of(
                // every type, as the form sends it
                row("LC-01", LOSS_REPORT, none),
                row("LC-02", UNLOSS, none),
                row("LC-03", UNLOCK, none),
                row("LC-04", REPLACEMENT, none),
                row("LC-06", CANCELLATION, none),
                // the applicant and the document, common to all types
                row("LC-01", LOSS_REPORT, List.of("cardNo"), "cardNo", "123456789"),
                row("LC-01", LOSS_REPORT, List.of("cardNo"), "cardNo", "11010500000000A1"),
                row("LC-01", LOSS_REPORT, List.of("cardNo"), "cardNo", ABSENT),
                row("LC-01", LOSS_REPORT, none, "applicantPhone", "010-12345678"),
                row("LC-01", LOSS_REPORT, none, "applicantPhone", " 13912345678 "),
                row("LC-01", LOSS_REPORT, List.of("applicantPhone"), "applicantPhone", "23912345678"),
                row("LC-01", LOSS_REPORT, List.of("applicantPhone"), "applicantPhone", "1391234567"),
                row("LC-01", LOSS_REPORT, List.of("applicantPhone"), "applicantPhone", ABSENT),
                row("LC-01", LOSS_REPORT, List.of("identityDocumentType"), "identityDocumentType", "88"),
                row("LC-01", LOSS_REPORT, List.of("identityDocumentType"), "identityDocumentType", ABSENT),
                row("LC-01", LOSS_REPORT, List.of("identityDocumentNumber"), "identityDocumentNumber", " "),
                row("LC-01", LOSS_REPORT, List.of("identityDocumentNumber"), "identityDocumentNumber",
                        ID_NUMBER.substring(0, 17) + (ID_NUMBER.charAt(17) == '0' ? "1" : "0")),
                row("LC-01", LOSS_REPORT, none, "identityDocumentType", "03", "identityDocumentNumber", "E12345678"),
                // 附表1 挂失
                row("LC-01", LOSS_REPORT, List.of("lossReason"), "lossReason", ABSENT),
                row("LC-01", LOSS_REPORT, List.of("lossReason"), "lossReason", "  "),
                row("LC-01", LOSS_REPORT, none, "lossReason", "丢".repeat(200)),
                row("LC-01", LOSS_REPORT, List.of("lossReason"), "lossReason", "丢".repeat(201)),
                row("LC-01", LOSS_REPORT, none, "lossDate", ABSENT),
                row("LC-01", LOSS_REPORT, none, "lossDate", TODAY),
                row("LC-01", LOSS_REPORT, List.of("lossDate"), "lossDate", TODAY.plusDays(1).toString()),
                row("LC-01", LOSS_REPORT, List.of("lossDate"), "lossDate", "2026-02-30"),
                row("LC-01", LOSS_REPORT, List.of("lossDate"), "lossDate", "yesterday"),
                // 附表2 解挂: the card must be presented
                row("LC-02", UNLOSS, List.of("unlossReason"), "unlossReason", ABSENT),
                row("LC-02", UNLOSS, List.of("cardPresented"), "cardPresented", false),
                row("LC-02", UNLOSS, List.of("cardPresented"), "cardPresented", ABSENT),
                row("LC-02", UNLOSS, none, "cardPresented", "true"),
                // 附表3 解锁: lock date required, card presented
                row("LC-03", UNLOCK, List.of("lockReason"), "lockReason", ABSENT),
                row("LC-03", UNLOCK, List.of("lockDate"), "lockDate", ABSENT),
                row("LC-03", UNLOCK, List.of("lockDate"), "lockDate", TODAY.plusDays(1).toString()),
                row("LC-03", UNLOCK, List.of("cardPresented"), "cardPresented", false),
                row("LC-03", UNLOCK, List.of("lockReason", "lockDate", "cardPresented"), "lockReason", ABSENT,
                        "lockDate", "tomorrow", "cardPresented", ABSENT),
                // 附表4 补换: reason, old card back unless lost, change table, fee (LC-04: borne by the resident)
                row("LC-04", REPLACEMENT, List.of("replacementReason"), "replacementReason", "STOLEN"),
                row("LC-04", REPLACEMENT, List.of("replacementReason"), "replacementReason", ABSENT),
                row("LC-04", REPLACEMENT, List.of("otherReason"), "replacementReason", "OTHER"),
                row("LC-04", REPLACEMENT, none, "replacementReason", "OTHER", "otherReason", "卡面磨损"),
                row("LC-04", REPLACEMENT, List.of("otherReason"), "replacementReason", "OTHER",
                        "otherReason", "因".repeat(101)),
                row("LC-04", REPLACEMENT, List.of("oldCardReturned"), "oldCardReturned", false),
                row("LC-04", REPLACEMENT, none, "replacementReason", "LOST", "oldCardReturned", false),
                row("LC-04", REPLACEMENT, List.of("changes"), "replacementReason", "INFO_CHANGE"),
                row("LC-04", REPLACEMENT, none, "replacementReason", "INFO_CHANGE",
                        "changes", List.of(Map.of("item", "phone", "newValue", "13700000000", "reason", "换号"))),
                row("LC-04", REPLACEMENT, List.of("changes"), "changes",
                        List.of(Map.of("item", "documentNumber", "newValue", "110105198506010011"))),
                row("LC-04", REPLACEMENT, List.of("changes"), "changes", List.of(Map.of("item", "phone"))),
                row("LC-04", REPLACEMENT, List.of("changes"), "changes",
                        List.of(Map.of("item", "address", "newValue", " "))),
                row("LC-04", REPLACEMENT, none, "feeAmount", 0),
                row("LC-04", REPLACEMENT, none, "feeAmount", "1000"),
                row("LC-04", REPLACEMENT, none, "feeAmount", new BigDecimal("12.50")),
                row("LC-04", REPLACEMENT, List.of("feeAmount"), "feeAmount", ABSENT),
                row("LC-04", REPLACEMENT, List.of("feeAmount"), "feeAmount", -1),
                row("LC-04", REPLACEMENT, List.of("feeAmount"), "feeAmount", "1000.01"),
                row("LC-04", REPLACEMENT, List.of("feeAmount"), "feeAmount", "twenty"),
                // 注销
                row("LC-06", CANCELLATION, List.of("cancellationReason"), "cancellationReason", ABSENT),
                row("LC-06", CANCELLATION, List.of("cancellationReason"), "cancellationReason", "销".repeat(201)));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {4}")
    @MethodSource("forms")
    @DisplayName("LC-01 LC-02 LC-03 LC-04 LC-06 each form field is checked, and a refusal names the field")
    void formRules(String requirement, RequestType type, String change, CardRequestData data, List<String> fields) {
        List<FieldViolation> violations = rules.violations(type, data);
        assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(violations).extracting(FieldViolation::message).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    static Stream<Arguments> cardStates() {
        return Stream.of(
                Arguments.of(REPLACEMENT, REPORTED_LOST, "LOST", null),
                Arguments.of(REPLACEMENT, REPORTED_LOST, "DAMAGED", "CARD_REPORTED_LOST"),
                Arguments.of(REPLACEMENT, REPORTED_LOST, "INFO_CHANGE", "CARD_REPORTED_LOST"),
                Arguments.of(REPLACEMENT, ACTIVE, "LOST", "LOSS_NOT_REPORTED"),
                Arguments.of(REPLACEMENT, PIN_LOCKED, "LOST", "LOSS_NOT_REPORTED"),
                Arguments.of(REPLACEMENT, ACTIVE, "DAMAGED", null),
                Arguments.of(REPLACEMENT, PIN_LOCKED, "OTHER", null),
                // the other types leave the card's status to the state machine (CardTransitions)
                Arguments.of(LOSS_REPORT, REPORTED_LOST, null, null),
                Arguments.of(CANCELLATION, REPORTED_LOST, null, null),
                Arguments.of(UNLOSS, ACTIVE, null, null));
    }

    @ParameterizedTest(name = "{0} of a {1} card, reason {2} → {3}")
    @MethodSource("cardStates")
    @DisplayName("LC-01 LC-04 while a card is reported lost only a loss replacement is taken, and a loss replacement "
            + "needs a loss report first")
    void cardState(RequestType type, CardStatus status, String reason, String refusal) {
        CardRequestData data = reason == null ? with(type) : with(type, "replacementReason", reason);
        if (refusal == null) {
            assertThatCode(() -> rules.checkCardState(type, status, data)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> rules.checkCardState(type, status, data)).isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(refusal));
        }
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(LOSS_REPORT, Map.of("lossReason", "地铁站遗失"), "地铁站遗失"),
                Arguments.of(UNLOSS, Map.of("unlossReason", "找到了"), "找到了"),
                Arguments.of(UNLOCK, Map.of("lockReason", "输错三次"), "输错三次"),
                Arguments.of(REPLACEMENT, Map.of("replacementReason", "DAMAGED"), "DAMAGED"),
                Arguments.of(REPLACEMENT, Map.of("replacementReason", "OTHER", "otherReason", "卡面磨损"), "卡面磨损"),
                Arguments.of(CANCELLATION, Map.of("cancellationReason", "出国定居"), "出国定居"),
                Arguments.of(CANCELLATION, Map.of(), CANCELLATION.nameZh()));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("reasons")
    @DisplayName("LC-08 the reason recorded with the card event is the form's own reason, or the request type's name")
    void recordedReason(RequestType type, Map<String, Object> form, String reason) {
        assertThat(rules.reason(type, form)).isEqualTo(reason);
    }

    @Test
    @DisplayName("LC-04 the fee is read as a decimal; an unreadable fee counts as out of range, an absent one as none")
    void fee() {
        assertThat(rules.fee(with(REPLACEMENT, "feeAmount", "20.5"))).isEqualByComparingTo("20.5");
        assertThat(rules.fee(with(REPLACEMENT, "feeAmount", 20))).isEqualByComparingTo("20");
        assertThat(rules.fee(with(REPLACEMENT, "feeAmount", "abc"))).isNegative();
        assertThat(rules.fee(with(REPLACEMENT, "feeAmount", ABSENT))).isNull();
        assertThat(rules.fee(with(REPLACEMENT, "feeAmount", " "))).isNull();
    }

    @Test
    @DisplayName("LC-04 a change table of the wrong shape (\"changes\":[1]) is refused naming the field, never a crash")
    void changesOfTheWrongShape() {
        assertThatThrownBy(() -> rules.violations(REPLACEMENT, with(REPLACEMENT, "changes", List.of(1))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("changes"));
        assertThat(RequestRules.changes("not a list")).isEmpty();
        record Row(String item, String newValue) {
        }
        assertThat(RequestRules.changes(List.of(new Row("phone", "13700000000"))))
                .containsExactly(Map.of("item", "phone", "newValue", "13700000000"));
    }

    @ParameterizedTest
    @EnumSource(RequestType.class)
    @DisplayName("LC-08 every request type has a complete valid form that the rules accept")
    void everyTypeCovered(RequestType type) {
        assertThat(rules.violations(type, with(type))).isEmpty();
    }
}
