package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one review value of every case: outcomes, required reasons, the two-person rule, the process variables. */
class ReviewTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"APPROVE,APPROVE,APPROVE", "RETURN,SEND_BACK,RETURN", "SEND_BACK,SEND_BACK,RETURN",
            "REJECT,REJECT,REJECT", "' REJECT ',REJECT,REJECT"})
    @DisplayName("APP-07 LC-08 the codes clients send map to one outcome; the process sees the code its gateways test")
    void codes(String code, Review.Outcome outcome, String processCode) {
        Review review = Review.of(code, "理由");

        assertThat(review.outcome()).isEqualTo(outcome);
        assertThat(review.variables()).containsEntry("reviewDecision", processCode).containsEntry("reviewComment", "理由");
    }

    @ParameterizedTest(name = "decision ''{0}''")
    @CsvSource(value = {"NULL", "MAYBE", "approve", "REFUSE", "''"}, nullValues = "NULL")
    @DisplayName("APP-07 LC-08 no or an unknown decision is a 400 on field decision")
    void unknownDecision(String code) {
        assertThatThrownBy(() -> Review.of(code, "理由")).isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations()).extracting(FieldViolation::field)
                        .containsExactly("decision"))
                .hasMessageContaining("请选择「审核结论」");
    }

    @ParameterizedTest(name = "{0} with ''{1}''")
    @CsvSource(value = {"SEND_BACK,NULL,退回修改时请填写「审核意见」", "SEND_BACK,'   ',退回修改时请填写「审核意见」",
            "REJECT,NULL,不予通过时请填写「审核意见」"}, nullValues = "NULL")
    @DisplayName("APP-07 LC-08 sending back and rejecting need a reason (400 on field comment)")
    void reasonRequired(Review.Outcome outcome, String reason, String message) {
        assertThatThrownBy(() -> Review.of(outcome, reason)).isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations()).extracting(FieldViolation::field)
                        .containsExactly("comment"))
                .hasMessageContaining(message);
    }

    @Test
    @DisplayName("APP-07 LC-08 approval needs no reason; reasons are trimmed and at most 500 characters")
    void approvalAndLength() {
        assertThat(Review.approve()).isEqualTo(new Review(Review.Outcome.APPROVE, null));
        assertThat(Review.of(Review.Outcome.APPROVE, "  ").reason()).isNull();
        assertThat(Review.sendBack("  照片不清晰 ").reason()).isEqualTo("照片不清晰");
        assertThat(Review.reject("x".repeat(500)).reason()).hasSize(500);
        assertThatThrownBy(() -> Review.reject("x".repeat(501))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("「审核意见」最多500个字符");
    }

    @Test
    @DisplayName("KEY-rule wording: a co-sign review names 「复核结论」 and 「复核意见」")
    void stepName() {
        assertThatThrownBy(() -> Review.of(null, null, "复核")).hasMessageContaining("请选择「复核结论」");
        assertThatThrownBy(() -> Review.of(Review.Outcome.REJECT, null, "复核"))
                .hasMessageContaining("不予通过时请填写「复核意见」");
        assertThat(Review.of(Review.Outcome.APPROVE, null, "复核").approved()).isTrue();
    }

    @Test
    @DisplayName("APP-07 LC-08 two-person rule: the second person must differ from the first (403)")
    void secondPerson() {
        Review review = Review.approve();

        assertThat(review.requireSecondPerson("clerk", "supervisor", "x")).isSameAs(review);
        assertThat(review.requireSecondPerson(null, "supervisor", "x")).isSameAs(review);
        assertThatThrownBy(() -> review.requireSecondPerson("keyadmin1", "keyadmin1", "双人控制：须由另一人复核"))
                .isInstanceOf(AccessDeniedException.class).hasMessage("双人控制：须由另一人复核");
    }

    @Test
    @DisplayName("APP-02 LC-08 a withdrawal needs a reason of at most 200 characters; its variables end the revise step")
    void withdrawal() {
        assertThat(new Withdrawal(" 不再办理 ").variables()).containsEntry("reviseAction", "WITHDRAW")
                .containsEntry("withdrawReason", "不再办理");
        assertThat(Withdrawal.RESUBMITTED).containsEntry("reviseAction", "RESUBMIT");
        assertThatThrownBy(() -> new Withdrawal(" ")).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("撤回时请填写「撤回原因」");
        assertThatThrownBy(() -> new Withdrawal("x".repeat(201))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("最多200个字符");
    }
}
