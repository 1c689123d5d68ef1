package cn.healthcard.workflow.internal;

import cn.healthcard.common.AuditableEvent;

/**
 * A user task's step as an audit entry: {@code TaskCreated}, {@code TaskClaimed}, {@code TaskUnclaimed},
 * {@code TaskCompleted}, {@code TaskCancelled}. Made by {@link TaskHistoryAuditor} from the engine's history events.
 * The region is left to the audit module's recorder, which takes it from the case's earlier entries.
 *
 * @param eventType one of the five types above
 * @param taskId    the engine's task id (the subject)
 * @param caseRef   the business key of the task's process: the case (申领编号, 业务编号); null for a task outside one
 * @param detail    task definition key and name, and the assignee or the reason where relevant; no personal data
 */
record TaskEvent(String eventType, String taskId, String caseRef, String detail) implements AuditableEvent {

    static final String SUBJECT_TYPE = "Task";

    static final String CREATED = "TaskCreated";
    static final String CLAIMED = "TaskClaimed";
    static final String UNCLAIMED = "TaskUnclaimed";
    static final String COMPLETED = "TaskCompleted";
    static final String CANCELLED = "TaskCancelled";

    @Override
    public String subjectType() {
        return SUBJECT_TYPE;
    }

    @Override
    public String subjectId() {
        return taskId;
    }

    @Override
    public String regionCode() {
        return null;
    }
}
