package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserDirectory;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;

/**
 * Delegating a task to a named colleague and handing it back (BPM-02, Camunda's delegation, docs/decisions/034).
 * The holder of a task (its assignee) delegates it to a colleague who holds one of the task's candidate roles at the
 * same institution — so the same group and the same region; the colleague works it and resolves it
 * ({@code resolveTask}), and it returns to the owner, who completes it. Refused with 409: a task one does not hold
 * ({@code NOT_ASSIGNEE}), one already delegated ({@code ALREADY_DELEGATED}), a colleague of another institution or
 * region or without the role, or oneself ({@code DELEGATE_NOT_COLLEAGUE}); resolving a task not delegated to one
 * ({@code NOT_DELEGATED_TO_YOU}).
 */
@Service
public class TaskDelegation {

    private final CaseAccess access;
    private final CaseFile file;
    private final TaskService tasks;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;

    TaskDelegation(CaseAccess access, CaseFile file, TaskService tasks, UserDirectory directory,
                   ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.tasks = tasks;
        this.directory = directory;
        this.events = events;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void delegate(String taskId, String colleague, String note) {
        if (colleague == null || colleague.isBlank() || colleague.length() > 64) {
            throw new DomainValidationException("delegate", "请选择委派给的同事");
        }
        String text = note == null || note.isBlank() ? null : TaskComments.text(note, "note");
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        if (task.getProcessInstanceId() == null) {
            throw new ConflictException(CaseTasks.WRONG_TASK, "加签任务不能委派");
        }
        if (!me.username().equals(task.getAssignee())) {
            throw new ConflictException("NOT_ASSIGNEE", "只能委派自己领取的任务，请先领取");
        }
        if (task.getDelegationState() == DelegationState.PENDING) {
            throw new ConflictException("ALREADY_DELEGATED", "该任务是委派给您的，不能再委派");
        }
        String to = colleague.strip();
        if (to.equals(me.username()) || me.institutionCode() == null || colleagueRoles(task, me).stream()
                .noneMatch(r -> directory.holds(to, me.institutionCode(), r))) {
            throw new ConflictException("DELEGATE_NOT_COLLEAGUE", "delegate",
                    "只能委派给本机构（本辖区）承担该任务角色的同事");
        }
        TaskInboxService.engine(() -> tasks.delegateTask(taskId, to));
        CaseAccess.Case c = access.caseOf(task);
        if (text != null) {
            file.addNote(c, taskId, task.getName(), CaseFile.NoteKind.DELEGATION, me.username(),
                    "委派给 " + directory.displayName(to) + "：" + text, null);
        }
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.DELEGATED, taskId, c.businessKey(),
                c.regionCode(), TaskComments.step(task) + ", owner=" + me.username() + ", delegate=" + to));
    }

    /** The delegate hands the task back to its owner, with an optional note. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void resolve(String taskId, String note) {
        String text = note == null || note.isBlank() ? null : TaskComments.text(note, "note");
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        if (task.getDelegationState() != DelegationState.PENDING || !me.username().equals(task.getAssignee())) {
            throw new ConflictException("NOT_DELEGATED_TO_YOU", "该任务没有委派给您");
        }
        TaskInboxService.engine(() -> tasks.resolveTask(taskId));
        CaseAccess.Case c = access.caseOf(task);
        if (text != null) {
            file.addNote(c, taskId, task.getName(), CaseFile.NoteKind.DELEGATION, me.username(),
                    "办完交回：" + text, null);
        }
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.RESOLVED, taskId, c.businessKey(),
                c.regionCode(), TaskComments.step(task) + ", delegate=" + me.username() + ", owner="
                + task.getOwner()));
    }

    /** Whether the task is delegated to the current user and waits for them to hand it back. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public boolean delegatedToMe(String taskId) {
        Task task = access.workable(taskId);
        return task.getDelegationState() == DelegationState.PENDING
                && SecurityContextUsers.require().username().equals(task.getAssignee());
    }

    private List<Role> colleagueRoles(Task task, CurrentUser me) {
        return candidateRoles(tasks, task, me);
    }

    /** The roles whose groups (plain or bound to the user's institution) are the task's candidate groups. */
    static List<Role> candidateRoles(TaskService tasks, Task task, CurrentUser me) {
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getGroupId)
                .filter(g -> g != null).toList();
        return Arrays.stream(Role.values()).filter(r -> !r.machineOnly())
                .filter(r -> groups.contains(r.groupId())
                        || groups.contains(TaskInboxService.institutionGroup(r.groupId(), me.institutionCode())))
                .toList();
    }
}
