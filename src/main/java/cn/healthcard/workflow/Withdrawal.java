package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;

import java.util.Map;

/**
 * The clerk's other answer to a case sent back for correction: instead of resubmitting, withdraw it (撤回). The case
 * ends without taking effect, whatever it held (a card lock, the one-card claim) is released, and the withdrawal is
 * audited with its reason. The revise task is completed with {@value #ACTION_VARIABLE} = {@value #WITHDRAW}; a
 * resubmission completes it with {@value #RESUBMIT} (see {@link #RESUBMITTED}). The BPMN gateway after each revise task
 * tests this variable.
 *
 * @param reason why the case is withdrawn; required, trimmed, at most 200 characters (400 on field
 *               {@code withdrawReason} otherwise)
 */
public record Withdrawal(String reason) {

    public static final String ACTION_VARIABLE = "reviseAction";
    public static final String WITHDRAW = "WITHDRAW";
    public static final String RESUBMIT = "RESUBMIT";
    public static final String REASON_FIELD = "withdrawReason";
    /** The button key of the withdraw action in the revise forms (forms/*-revise.form). */
    public static final String FORM_ACTION = "withdraw";
    /** The variables completing a revise task with a resubmission. */
    public static final Map<String, Object> RESUBMITTED = Map.of(ACTION_VARIABLE, RESUBMIT);
    public static final int MAX_REASON = 200;

    public Withdrawal {
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        if (reason == null) {
            throw new DomainValidationException(REASON_FIELD, "撤回时请填写「撤回原因」");
        }
        if (reason.length() > MAX_REASON) {
            throw new DomainValidationException(REASON_FIELD, "「撤回原因」最多" + MAX_REASON + "个字符");
        }
    }

    /** The variables completing the revise task with this withdrawal. */
    public Map<String, Object> variables() {
        return Map.of(ACTION_VARIABLE, WITHDRAW, "withdrawReason", reason);
    }
}
