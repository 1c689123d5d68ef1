package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.internal.InboxIndex;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task inbox: my tasks, my groups' tasks, claim and unclaim, and completing a task on behalf of its form —
 * always within the user's region (process variable {@code regionCode}, ORG-05) and groups. Lists read the region,
 * applicant and business key from the inbox's own index ({@link InboxIndex}, kept by an engine plug-in), never from
 * the engine's variable table.
 */
@Service
public class TaskInboxService {

    /** Process variables every case process sets, used for scoping and filtering. */
    public static final String REGION_CODE = "regionCode";
    public static final String APPLICANT_NAME = "applicantName";
    public static final String APPLICANT_KEYS = "applicantKeys";

    /**
     * A candidate group bound to one institution: {@code <group>@<institutionCode>} (e.g. {@code PRODUCTION@CM-110000}
     * for a card maker's own tasks). Only members of the group AT that institution see and claim such a task; the plain
     * group of the same role does not.
     */
    public static String institutionGroup(String groupId, String institutionCode) {
        return groupId + "@" + institutionCode;
    }

    /** The candidate groups of a user: the role groups, and each role group bound to the user's institution. */
    static List<String> candidateGroupsOf(CurrentUser me) {
        List<String> plain = me.groupIds();
        if (me.institutionCode() == null || me.institutionCode().isBlank()) {
            return plain;
        }
        List<String> all = new java.util.ArrayList<>(plain);
        plain.forEach(g -> all.add(institutionGroup(g, me.institutionCode())));
        return List.copyOf(all);
    }

    private final TaskService tasks;
    private final FormService forms;
    private final InboxIndex index;
    private final InboxQuery.Tables tables;
    private final Optional<ApplicantIndex> applicantIndex;
    private final CoApprovalTasks coApprovals;

    TaskInboxService(TaskService tasks, FormService forms, ManagementService management, InboxIndex index,
                     Optional<ApplicantIndex> applicantIndex, CoApprovalTasks coApprovals) {
        this.tasks = tasks;
        this.coApprovals = coApprovals;
        this.forms = forms;
        this.index = index;
        this.tables = InboxQuery.Tables.of(management);
        this.applicantIndex = applicantIndex;
    }

    /**
     * A page of the user's inbox, highest priority and newest first: one query for the tasks (engine tables joined with
     * the {@link InboxIndex}, ORG-05 region scope as an indexed range) and one for the page's case values.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<TaskRef> find(TaskFilter filter, int first, int max) {
        InboxQuery q = InboxQuery.of(filter, SecurityContextUsers.require(), applicantKeys(filter), tables);
        List<Task> page = q.bind(tasks.createNativeTaskQuery().sql(q.select())).listPage(first, max);
        Map<String, InboxIndex.Entry> entries = index.entries(page.stream().map(Task::getId).toList());
        Map<String, String> formKeys = new HashMap<>();
        return page.stream().map(t -> toRef(t, entries.get(t.getId()), formKeys.computeIfAbsent(
                t.getProcessDefinitionId() + "#" + t.getTaskDefinitionKey(), k -> formKey(t)))).toList();
    }

    /** How many tasks the filter finds; the inbox counts only when asked (a count is a scan of all of them). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public long count(TaskFilter filter) {
        InboxQuery q = InboxQuery.of(filter, SecurityContextUsers.require(), applicantKeys(filter), tables);
        return q.bind(tasks.createNativeTaskQuery().sql(q.count())).count();
    }

    /** A task the current user may see; NotFound otherwise (tasks outside one's scope do not exist for one). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public TaskRef get(String taskId) {
        Task task = visibleTask(taskId);
        return toRef(task, index.entries(List.of(taskId)).get(taskId), task.getFormKey());
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void claim(String taskId) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = visibleTask(taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(me.username())) {
            throw new ConflictException("TASK_TAKEN", "该任务已被 " + task.getAssignee() + " 领取");
        }
        engine(() -> tasks.claim(taskId, me.username()));
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void unclaim(String taskId) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = visibleTask(taskId);
        if (!me.username().equals(task.getAssignee())) {
            throw new ConflictException("NOT_ASSIGNEE", "只能退回自己领取的任务");
        }
        engine(() -> tasks.setAssignee(taskId, null));
    }

    /**
     * Completes a task for the current user: it must be assigned to them, or unassigned and offered to one of their
     * groups. Two people completing one task: exactly one succeeds, the other gets a conflict. A task delegated and
     * not yet resolved cannot be completed (409 {@code DELEGATION_PENDING}: the delegate resolves it), nor one with an
     * open co-approval placed before it (409 {@code CO_APPROVAL_OPEN}), nor approved against a co-approver's REJECT
     * placed before it without an override reason (409 {@code CO_APPROVAL_REJECTED}); co-approvers placed after it get their task
     * once it is completed (docs/decisions/034).
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void complete(String taskId, Map<String, Object> variables) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = visibleTask(taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(me.username())) {
            throw new ConflictException("TASK_TAKEN", "该任务已由 " + task.getAssignee() + " 办理");
        }
        if (task.getDelegationState() == DelegationState.PENDING) {
            throw new ConflictException("DELEGATION_PENDING", "该任务已委派给 " + task.getAssignee()
                    + "，须由其办完交回后才能办结");
        }
        coApprovals.requireNoneOpenBefore(taskId);
        coApprovals.requireOverrideOfRejection(task, variables, me.username());
        var after = coApprovals.pendingAfter(taskId);
        engine(() -> {
            if (task.getAssignee() == null) {
                tasks.claim(taskId, me.username());
            }
            tasks.complete(taskId, variables);
        });
        coApprovals.openAfter(task, after, me.username());
    }

    /** Escalation: hands the open task of a process to a person (e.g. the group lead) with a raised priority. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void escalate(String processInstanceId, String taskDefinitionKey, String toUser, int priority) {
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey).list()) {
            tasks.setPriority(task.getId(), priority);
            if (toUser != null) {
                tasks.setAssignee(task.getId(), toUser);
            }
        }
    }

    /**
     * The open task, if the current user may work it: within their region, and assigned to them or offered to one of
     * their groups. 404 otherwise (the task operations' guard, SEC-03).
     */
    Task workable(String taskId) {
        return visibleTask(taskId);
    }

    private Task visibleTask(String taskId) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw new NotFoundException("任务不存在或已办结");
        }
        Object region = tasks.getVariable(taskId, REGION_CODE);
        boolean inRegion = region != null && me.canSee(region.toString());
        boolean mine = me.username().equals(task.getAssignee());
        boolean forMyGroups = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(IdentityLink::getGroupId)
                .anyMatch(g -> g != null && candidateGroupsOf(me).contains(g));
        if (!inRegion || !(mine || forMyGroups)) {
            throw new NotFoundException("任务不存在或已办结");
        }
        return task;
    }

    private java.util.Set<String> applicantKeys(TaskFilter filter) {
        if (!notBlank(filter.applicantQuery()) || applicantIndex.isEmpty()) {
            return null;
        }
        return applicantIndex.get().indexesFor(filter.applicantQuery().trim());
    }

    private String formKey(Task t) {
        return t.getProcessDefinitionId() == null ? null
                : forms.getTaskFormKey(t.getProcessDefinitionId(), t.getTaskDefinitionKey());
    }

    private static TaskRef toRef(Task t, InboxIndex.Entry entry, String formKey) {
        String processKey = entry != null && entry.processKey() != null ? entry.processKey()
                : t.getProcessDefinitionId() == null ? null : t.getProcessDefinitionId().split(":")[0];
        return new TaskRef(t.getId(), t.getName(), t.getTaskDefinitionKey(), formKey, processKey,
                t.getProcessInstanceId(), entry == null ? null : entry.businessKey(), t.getAssignee(),
                t.getCreateTime().toInstant(), t.getDueDate() == null ? null : t.getDueDate().toInstant(),
                t.getPriority(), entry == null ? null : entry.applicantName());
    }

    /** Runs an engine call; a concurrent change becomes 409 {@code CONCURRENT_CHANGE}, a lost claim 409 {@code TASK_TAKEN}. */
    static void engine(Runnable call) {
        try {
            call.run();
        } catch (OptimisticLockingException e) {
            throw new ConflictException("CONCURRENT_CHANGE", "该任务刚被他人处理，请刷新后重试");
        } catch (ProcessEngineException e) {
            if (e.getMessage() != null && e.getMessage().contains("already claimed")) {
                throw new ConflictException("TASK_TAKEN", "该任务已被他人领取");
            }
            throw e;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
