package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import org.springframework.security.access.AccessDeniedException;

import java.util.HashMap;
import java.util.Map;

/**
 * A person's decision on a case step: approve, send back for correction, or reject. Every review of every case is one
 * of these (card application APP-07, lifecycle requests LC-08, key ceremony co-sign), so the rules are written once:
 * <ul>
 *   <li>an outcome is required — 400 on field {@code decision} otherwise;</li>
 *   <li>sending back and rejecting need a reason (trimmed, at most 500 characters) — 400 on field {@code comment};
 *       approving may carry one;</li>
 *   <li>where a rule says so (two-person rule), the reviewer must not be the person who started the case:
 *       {@link #requireSecondPerson} answers 403 ({@link AccessDeniedException}).</li>
 * </ul>
 * The process sees the outcome as the variable {@value #DECISION_VARIABLE} with the code {@code APPROVE}, {@code RETURN}
 * or {@code REJECT} (the values the BPMN gateways of every deployed version test) and the reason as
 * {@value #COMMENT_VARIABLE}; see {@link #variables()}.
 *
 * @param outcome what was decided
 * @param reason  the reviewer's reason, trimmed; {@code null} when none was given (only allowed for approval)
 */
public record Review(Outcome outcome, String reason) {

    public static final String DECISION_VARIABLE = "reviewDecision";
    public static final String COMMENT_VARIABLE = "reviewComment";
    public static final int MAX_REASON = 500;

    /** The three outcomes; {@link #code()} is the value the processes and the audit trail carry. */
    public enum Outcome {
        APPROVE("APPROVE"), SEND_BACK("RETURN"), REJECT("REJECT");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** {@code APPROVE}, {@code RETURN} or {@code REJECT}. */
        public String code() {
            return code;
        }

        /**
         * The outcome of a code as clients send it: {@code APPROVE}, {@code RETURN} or {@code SEND_BACK},
         * {@code REJECT}; {@code null} for anything else.
         */
        public static Outcome ofCode(String code) {
            if (code == null) {
                return null;
            }
            return switch (code.trim()) {
                case "APPROVE" -> APPROVE;
                case "RETURN", "SEND_BACK" -> SEND_BACK;
                case "REJECT" -> REJECT;
                default -> null;
            };
        }
    }

    public Review {
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** A review (审核) checked against the rules above; the fields are {@code decision} and {@code comment}. */
    public static Review of(Outcome outcome, String reason) {
        return of(outcome, reason, "审核");
    }

    /**
     * A review checked against the rules above, its messages naming the step: {@code "审核"} gives 「审核结论」 and
     * 「审核意见」, {@code "复核"} gives 「复核结论」 and 「复核意见」.
     */
    public static Review of(Outcome outcome, String reason, String step) {
        if (outcome == null) {
            throw new DomainValidationException("decision", "请选择「" + step + "结论」");
        }
        Review review = new Review(outcome, reason);
        if (outcome != Outcome.APPROVE && review.reason() == null) {
            throw new DomainValidationException("comment", (outcome == Outcome.SEND_BACK ? "退回修改" : "不予通过")
                    + "时请填写「" + step + "意见」");
        }
        if (review.reason() != null && review.reason().length() > MAX_REASON) {
            throw new DomainValidationException("comment", "「" + step + "意见」最多" + MAX_REASON + "个字符");
        }
        return review;
    }

    /** A review from a client's code ({@link Outcome#ofCode}); an unknown code is a missing decision (400). */
    public static Review of(String code, String reason) {
        return of(Outcome.ofCode(code), reason);
    }

    public static Review approve() {
        return of(Outcome.APPROVE, null);
    }

    public static Review sendBack(String reason) {
        return of(Outcome.SEND_BACK, reason);
    }

    public static Review reject(String reason) {
        return of(Outcome.REJECT, reason);
    }

    public boolean approved() {
        return outcome == Outcome.APPROVE;
    }

    /**
     * The two-person rule: the reviewer ({@code second}) must not be the person who started the case ({@code first}).
     *
     * @throws AccessDeniedException (403) with {@code message} when they are the same person
     */
    public Review requireSecondPerson(String first, String second, String message) {
        if (first != null && first.equals(second)) {
            throw new AccessDeniedException(message);
        }
        return this;
    }

    /** The process variables completing the review task: the outcome's code and the reason. */
    public Map<String, Object> variables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(DECISION_VARIABLE, outcome.code());
        variables.put(COMMENT_VARIABLE, reason);
        return variables;
    }
}
