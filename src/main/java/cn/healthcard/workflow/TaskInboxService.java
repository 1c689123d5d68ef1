package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task inbox: my tasks, my groups' tasks, claim and unclaim, and completing a task on behalf of its form —
 * always within the user's region (process variable {@code regionCode}, ORG-05) and groups.
 */
@Service
public class TaskInboxService {

    /** Process variables every case process sets, used for scoping and filtering. */
    public static final String REGION_CODE = "regionCode";
    public static final String APPLICANT_NAME = "applicantName";
    public static final String APPLICANT_KEYS = "applicantKeys";

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Optional<ApplicantIndex> applicantIndex;

    TaskInboxService(TaskService tasks, RuntimeService runtime, Optional<ApplicantIndex> applicantIndex) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.applicantIndex = applicantIndex;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<TaskRef> find(TaskFilter filter, int first, int max) {
        List<Task> page = query(filter).orderByTaskPriority().desc().orderByTaskCreateTime().desc()
                .listPage(first, max);
        Map<String, String> businessKeys = businessKeys(page);
        return page.stream().map(t -> toRef(t, businessKeys.get(t.getProcessInstanceId()))).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public long count(TaskFilter filter) {
        return query(filter).count();
    }

    /** A task the current user may see; NotFound otherwise (tasks outside one's scope do not exist for one). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public TaskRef get(String taskId) {
        Task task = visibleTask(taskId);
        return toRef(task, businessKeys(List.of(task)).get(task.getProcessInstanceId()));
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
     * groups. Two people completing one task: exactly one succeeds, the other gets a conflict.
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void complete(String taskId, Map<String, Object> variables) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = visibleTask(taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(me.username())) {
            throw new ConflictException("TASK_TAKEN", "该任务已由 " + task.getAssignee() + " 办理");
        }
        engine(() -> {
            if (task.getAssignee() == null) {
                tasks.claim(taskId, me.username());
            }
            tasks.complete(taskId, variables);
        });
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
                .anyMatch(g -> g != null && me.groupIds().contains(g));
        if (!inRegion || !(mine || forMyGroups)) {
            throw new NotFoundException("任务不存在或已办结");
        }
        return task;
    }

    private TaskQuery query(TaskFilter filter) {
        CurrentUser me = SecurityContextUsers.require();
        TaskQuery q = tasks.createTaskQuery().initializeFormKeys()
                .processVariableValueLike(REGION_CODE, me.region().scopePrefix() + "%");
        switch (filter.scope() == null ? TaskFilter.Scope.ALL : filter.scope()) {
            case MINE -> q.taskAssignee(me.username());
            case GROUPS -> q.taskCandidateGroupIn(me.groupIds());
            case ALL -> q.or().taskAssignee(me.username()).taskCandidateGroupIn(me.groupIds()).endOr();
        }
        if (notBlank(filter.processDefinitionKey())) {
            q.processDefinitionKey(filter.processDefinitionKey());
        }
        if (notBlank(filter.taskName())) {
            q.taskNameLike("%" + filter.taskName().trim() + "%");
        }
        if (filter.createdFrom() != null) {
            q.taskCreatedAfter(toDate(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            q.taskCreatedBefore(toDate(filter.createdTo().plusDays(1)));
        }
        if (notBlank(filter.applicantQuery()) && applicantIndex.isPresent()) {
            var indexes = applicantIndex.get().indexesFor(filter.applicantQuery().trim());
            if (indexes.isEmpty()) {
                q.processVariableValueEquals(APPLICANT_KEYS, "-none-");
            } else {
                q.processVariableValueLike(APPLICANT_KEYS, "%" + indexes.iterator().next() + "%");
            }
        }
        return q;
    }

    private Map<String, String> businessKeys(List<Task> page) {
        var ids = page.stream().map(Task::getProcessInstanceId).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return runtime.createProcessInstanceQuery().processInstanceIds(ids).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(java.util.stream.Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
    }

    private TaskRef toRef(Task t, String businessKey) {
        Object applicant = tasks.getVariable(t.getId(), APPLICANT_NAME);
        String processKey = t.getProcessDefinitionId() == null ? null : t.getProcessDefinitionId().split(":")[0];
        return new TaskRef(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getFormKey(), processKey,
                t.getProcessInstanceId(), businessKey, t.getAssignee(), t.getCreateTime().toInstant(),
                t.getDueDate() == null ? null : t.getDueDate().toInstant(), t.getPriority(),
                applicant == null ? null : applicant.toString());
    }

    private static void engine(Runnable call) {
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

    private static Date toDate(java.time.LocalDate d) {
        return Date.from(d.atStartOfDay(cn.healthcard.common.ChinaTime.ZONE).toInstant());
    }
}
