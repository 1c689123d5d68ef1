package cn.healthcard.audit;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone (or the {@code bin/audit verify} command, as {@code system}) verified the audit log's hash chain (SEC-03):
 * the result is itself an entry of the log. See {@code docs/decisions/008}.
 *
 * @param intact         every link and hash matched
 * @param firstBrokenId  the first entry that did not match, null when intact
 * @param entries        the entries checked
 * @param durationMillis how long the verification took
 * @param pending        entries committed but not linked into the chain yet when the walk ended (not checked)
 */
public record AuditChainVerified(boolean intact, Long firstBrokenId, long entries, long durationMillis, long pending)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "AuditLog";
    }

    @Override
    public String subjectId() {
        return "chain";
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        return (intact ? "intact" : "broken firstBrokenId=" + firstBrokenId) + " entries=" + entries
                + " durationMs=" + durationMillis + (pending == 0 ? "" : " pending=" + pending);
    }
}
