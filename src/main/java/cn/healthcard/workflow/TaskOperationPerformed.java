package cn.healthcard.workflow;

import cn.healthcard.common.AuditableEvent;

/**
 * A task operation a person took (BPM-02, docs/decisions/034), as an audit entry: a comment, an attachment added or
 * read, a delegation and its resolution, a co-approver added and their verdict, a send-back. The detail names the
 * task step and the people concerned, never the comment's text or the file's content (they may hold personal data;
 * they are on the case).
 *
 * @param eventType  one of the constants below
 * @param subjectId  the task (for a case comment and a timeline read the case's process instance, for an
 *                   attachment read the attachment)
 * @param caseRef    the case: its business key
 * @param regionCode the case's region
 * @param detail     what was done, without personal data
 */
public record TaskOperationPerformed(String eventType, String subjectId, String caseRef, String regionCode,
                                     String detail) implements AuditableEvent {

    public static final String COMMENTED = "TaskCommented";
    public static final String CASE_COMMENTED = "CaseCommented";
    public static final String ATTACHMENT_ADDED = "TaskAttachmentAdded";
    public static final String ATTACHMENT_READ = "TaskAttachmentRead";
    public static final String DELEGATED = "TaskDelegated";
    public static final String RESOLVED = "TaskResolved";
    public static final String CO_APPROVER_ADDED = "CoApproverAdded";
    public static final String CO_APPROVAL_DECIDED = "CoApprovalDecided";
    public static final String SENT_BACK = "TaskSentBack";
    public static final String CO_APPROVAL_OVERRIDDEN = "CoApprovalOverridden";
    public static final String TIMELINE_READ = "CaseTimelineRead";

    /** Every type, for the auditors' list of event types. */
    public static final java.util.List<String> TYPES = java.util.List.of(COMMENTED, CASE_COMMENTED, ATTACHMENT_ADDED,
            ATTACHMENT_READ, DELEGATED, RESOLVED, CO_APPROVER_ADDED, CO_APPROVAL_DECIDED, SENT_BACK,
            CO_APPROVAL_OVERRIDDEN, TIMELINE_READ);

    public TaskOperationPerformed {
        if (detail != null && detail.length() > 500) {
            detail = detail.substring(0, 500);
        }
    }

    @Override
    public String subjectType() {
        return "Task";
    }
}
