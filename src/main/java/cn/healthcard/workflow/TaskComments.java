package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Comments on a task and on a case (BPM-02, docs/decisions/034): at most {@value #MAX_TEXT} characters, kept with the
 * case and shown in its timeline, each audited ({@code TaskCommented}, {@code CaseCommented}; the audit entry names the
 * task, not the text). A comment on a task needs the task workable by the caller; on the case, the case readable.
 */
@Service
public class TaskComments {

    public static final int MAX_TEXT = 2000;

    private final CaseAccess access;
    private final CaseFile file;
    private final ApplicationEventPublisher events;

    TaskComments(CaseAccess access, CaseFile file, ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.events = events;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CaseNote commentOnTask(String taskId, String text, String requestId) {
        String body = text(text, "text");
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        CaseAccess.Case c = access.caseOf(task);
        CaseNote note = file.addNote(c, task.getId(), task.getName(), CaseFile.NoteKind.COMMENT, me.username(), body,
                requestId);
        if (!note.replayed()) {
            events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.COMMENTED, task.getId(),
                    c.businessKey(), c.regionCode(), step(task) + ", " + body.length() + " chars"));
        }
        return note;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CaseNote commentOnCase(String caseNumber, String text, String requestId) {
        String body = text(text, "text");
        CurrentUser me = SecurityContextUsers.require();
        CaseAccess.Case c = access.readable(caseNumber);
        CaseNote note = file.addNote(c, null, null, CaseFile.NoteKind.COMMENT, me.username(), body, requestId);
        if (!note.replayed()) {
            events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.CASE_COMMENTED,
                    c.processInstanceId(), c.businessKey(), c.regionCode(), body.length() + " chars"));
        }
        return note;
    }

    /** A required text of at most {@value #MAX_TEXT} characters, trimmed; 400 naming the field otherwise. */
    static String text(String text, String field) {
        String label = label(field);
        if (text == null || text.isBlank()) {
            throw new DomainValidationException(field, "请填写「" + label + "」");
        }
        String t = text.strip();
        if (t.length() > MAX_TEXT) {
            throw new DomainValidationException(field, "「" + label + "」最多" + MAX_TEXT + "个字符");
        }
        return t;
    }

    /** The field's name on the screen. */
    private static String label(String field) {
        return switch (field) {
            case "note" -> "说明";
            case "comment" -> "加签意见";
            default -> "意见";
        };
    }

    static String step(Task task) {
        return (task.getTaskDefinitionKey() == null ? "co-approval" : task.getTaskDefinitionKey()) + " "
                + (task.getName() == null ? "" : task.getName());
    }
}
