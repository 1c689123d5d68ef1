package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserDirectory;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adding an approver (加签, BPM-02, docs/decisions/034): the holder of a task asks a chosen person of a role that may
 * approve ({@link #APPROVER_ROLES}) that is also a candidate role of the task (so only on a review step, else 409
 * {@code CO_APPROVAL_NOT_ALLOWED}) at the same institution (so the same region) for a second review, BEFORE their
 * own decision (the task cannot be completed until the co-approver has decided) or AFTER it (the co-approver's task
 * opens when the holder completes). The co-approver decides APPROVE or REJECT with a comment; the verdict is recorded
 * on the case (its timeline) and audited. Refused with 409: a task one does not hold ({@code NOT_ASSIGNEE}), a
 * person without an approving role at one's institution, or oneself ({@code CO_APPROVER_NOT_ELIGIBLE}), the same
 * co-approver twice on a task, open or already decided ({@code CO_APPROVER_EXISTS}: a replayed request changes
 * nothing), a verdict on a task that is not one's co-approval ({@code NOT_CO_APPROVAL}). A REJECT placed BEFORE binds
 * the holder: approving their task afterwards needs an override reason ({@code overrideReason}, else 409
 * {@code CO_APPROVAL_REJECTED}), recorded on the case and audited ({@code CoApprovalOverridden}).
 */
@Service
public class CoApprovals {

    /** Roles that may approve. */
    public static final List<Role> APPROVER_ROLES = List.of(Role.SUPERVISOR, Role.KEY_ADMIN);

    public enum Placement { BEFORE, AFTER }

    public enum Verdict { APPROVE, REJECT }

    /** A co-approval as its task shows it. */
    public record CoApproval(String taskId, String approver, Placement placement, String ofTaskId, boolean open) {
    }

    private final CaseAccess access;
    private final CaseFile file;
    private final CoApprovalTasks engine;
    private final TaskService tasks;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;

    CoApprovals(CaseAccess access, CaseFile file, CoApprovalTasks engine, TaskService tasks, UserDirectory directory,
                ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.engine = engine;
        this.tasks = tasks;
        this.directory = directory;
        this.events = events;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CoApproval add(String taskId, String approver, Placement placement) {
        if (approver == null || approver.isBlank() || approver.length() > 64) {
            throw new DomainValidationException("approver", "请选择加签审核人");
        }
        if (placement == null) {
            throw new DomainValidationException("placement", "请选择在本人审核之前或之后加签");
        }
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        if (task.getProcessInstanceId() == null) {
            throw new ConflictException(CaseTasks.WRONG_TASK, "加签任务不能再加签");
        }
        if (!me.username().equals(task.getAssignee()) || task.getDelegationState() == DelegationState.PENDING) {
            throw new ConflictException("NOT_ASSIGNEE", "只能为自己领取的任务加签，请先领取");
        }
        List<Role> roles = eligibleRoles(task, me);
        if (roles.isEmpty()) {
            throw new ConflictException("CO_APPROVAL_NOT_ALLOWED", "「" + task.getName()
                    + "」不是审核环节，不能加签");
        }
        String to = approver.strip();
        if (to.equals(me.username()) || me.institutionCode() == null
                || roles.stream().noneMatch(r -> directory.holds(to, me.institutionCode(), r))) {
            throw new ConflictException("CO_APPROVER_NOT_ELIGIBLE", "approver",
                    "加签审核人须为本机构（本辖区）承担本审核环节角色的人员，且不能是本人");
        }
        if (engine.afterOf(taskId).contains(to) || engine.askedBefore(taskId, to)) {
            throw new ConflictException("CO_APPROVER_EXISTS", "approver", "已为 " + to + " 加签");
        }
        CaseAccess.Case c = access.caseOf(task);
        String coTaskId = null;
        if (placement == Placement.BEFORE) {
            coTaskId = engine.open(taskId, taskId, task.getName(), to, me.username(), placement.name(),
                    c.processInstanceId(), c.regionCode(), c.businessKey(), c.processKey());
        } else {
            engine.addAfter(taskId, to);
        }
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.CO_APPROVER_ADDED, taskId,
                c.businessKey(), c.regionCode(), TaskComments.step(task) + ", approver=" + to + ", placement="
                + placement + (coTaskId == null ? "" : ", coApprovalTask=" + coTaskId)));
        return new CoApproval(coTaskId, to, placement, taskId, true);
    }

    /** The co-approver's verdict: completes their task and records the verdict on the case. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CaseNote decide(String coApprovalTaskId, Verdict verdict, String comment) {
        if (verdict == null) {
            throw new DomainValidationException("verdict", "请选择同意或不同意");
        }
        String text = comment == null || comment.isBlank() ? "" : TaskComments.text(comment, "comment");
        if (verdict == Verdict.REJECT && text.isEmpty()) {
            throw new DomainValidationException("comment", "不同意时请填写理由");
        }
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(coApprovalTaskId);
        Optional<CoApproval> co = info(coApprovalTaskId);
        if (co.isEmpty() || !me.username().equals(task.getAssignee())) {
            throw new ConflictException("NOT_CO_APPROVAL", "该任务不是您的加签审核");
        }
        CaseAccess.Case c = access.caseOf(task);
        engine.close(coApprovalTaskId);
        if (verdict == Verdict.REJECT && co.get().placement() == Placement.BEFORE) {
            engine.rejectedBefore(co.get().ofTaskId(), me.username());
        }
        CaseNote note = file.addNote(c, coApprovalTaskId, task.getName(), CaseFile.NoteKind.CO_APPROVAL,
                me.username(), (verdict == Verdict.APPROVE ? "加签意见：同意" : "加签意见：不同意")
                        + (text.isEmpty() ? "" : "。" + text), null);
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.CO_APPROVAL_DECIDED, coApprovalTaskId,
                c.businessKey(), c.regionCode(), "verdict=" + verdict + ", placement=" + co.get().placement()
                + ", of=" + co.get().ofTaskId()));
        return note;
    }

    /**
     * The holder overrides a co-approver's REJECT placed before their decision, with a reason (≤ 500 characters), so
     * they may still approve: noted on the case and audited ({@code CoApprovalOverridden}). 409
     * {@code NO_CO_APPROVAL_REJECTION} if there is none, {@code NOT_ASSIGNEE} for a task one does not hold.
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CaseNote override(String taskId, String reason) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        if (!me.username().equals(task.getAssignee()) || task.getDelegationState() == DelegationState.PENDING) {
            throw new ConflictException("NOT_ASSIGNEE", "只能为自己领取的任务改判，请先领取");
        }
        return engine.override(task, reason, me.username());
    }

    /** Who rejected the task in a co-approval placed before it, not yet overridden; empty if nobody. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<String> rejection(String taskId) {
        access.workable(taskId);
        return engine.overridden(taskId) ? Optional.empty() : Optional.ofNullable(engine.rejectedBy(taskId));
    }

    /** Whether the task is a review step one may add a co-approver to (see {@link #add}). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public boolean allowed(String taskId) {
        Task task = access.workable(taskId);
        return task.getProcessInstanceId() != null && !eligibleRoles(task, SecurityContextUsers.require()).isEmpty();
    }

    /**
     * The roles that may co-approve the task: those of {@link #APPROVER_ROLES} among the task's candidate roles (a
     * second reviewer of the same review step); none on a step that is not a review.
     */
    private List<Role> eligibleRoles(Task task, CurrentUser me) {
        List<Role> candidates = TaskDelegation.candidateRoles(tasks, task, me);
        return APPROVER_ROLES.stream().filter(candidates::contains).toList();
    }

    /** The co-approval a task is, if it is one (a task the caller may work, else 404). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<CoApproval> info(String taskId) {
        access.workable(taskId);
        Object of;
        try {
            of = tasks.getVariableLocal(taskId, CoApprovalTasks.OF);
        } catch (org.camunda.bpm.engine.ProcessEngineException gone) {
            return Optional.empty();
        }
        if (of == null) {
            return Optional.empty();
        }
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        Object placement = tasks.getVariableLocal(taskId, CoApprovalTasks.PLACEMENT);
        return Optional.of(new CoApproval(taskId, task == null ? null : task.getAssignee(),
                Placement.valueOf(placement.toString()), of.toString(), task != null));
    }

    /** The co-approvals asked for on a task (one the caller may work, else 404): open ones before it, and those placed after it. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CoApproval> of(String taskId) {
        access.workable(taskId);
        List<CoApproval> all = new ArrayList<>();
        for (Task sub : tasks.getSubTasks(taskId)) {
            all.add(new CoApproval(sub.getId(), sub.getAssignee(), Placement.BEFORE, taskId, true));
        }
        for (String a : engine.afterOf(taskId)) {
            all.add(new CoApproval(null, a, Placement.AFTER, taskId, true));
        }
        return all;
    }
}
