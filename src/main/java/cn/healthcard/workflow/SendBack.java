package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sending a case back to an earlier user step with a reason (BPM-02, docs/decisions/034), by process instance
 * modification: the current task's activity is cancelled and the target started. Only where the process allows it —
 * the current user task carries the extension property {@value #FLAG}{@code =true} (set with the modeler's element
 * template) — else 409 {@code SEND_BACK_NOT_ALLOWED}; the target must be a user task already done in this instance
 * (its history) from which the model leads to the current step (upstream, not a parallel branch), else 409
 * {@code NOT_AN_EARLIER_STEP}. The caller must hold the task (claimed, not delegated away: 409 {@code NOT_ASSIGNEE},
 * {@code DELEGATION_PENDING}), with no co-approval asked for on it (409 {@code CO_APPROVAL_OPEN}). Only the task's own
 * activity instance is cancelled. The reason is recorded on the case and the step audited. A step whose domain state
 * would not follow the modification (e.g. a review the domain records) must not carry the flag: the shipped
 * processes send back through their domain's review outcome instead.
 */
@Service
public class SendBack {

    /** The user task's extension property that allows sending back from it. */
    public static final String FLAG = "sendBackAllowed";
    public static final int MAX_REASON = 500;

    /** An earlier step a task may be sent back to. */
    public record Target(String activityId, String name) {
    }

    private final CaseAccess access;
    private final CaseFile file;
    private final CoApprovalTasks coApprovals;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;
    private final ApplicationEventPublisher events;

    SendBack(CaseAccess access, CaseFile file, CoApprovalTasks coApprovals, RuntimeService runtime,
             HistoryService history, RepositoryService repository, ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.coApprovals = coApprovals;
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
        this.events = events;
    }

    /** Whether the task's step allows sending back, and to which earlier steps; empty if it does not. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<Target> targets(String taskId) {
        Task task = access.workable(taskId);
        return allowed(task) ? earlier(task) : List.of();
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void sendBack(String taskId, String targetActivityId, String reason) {
        if (targetActivityId == null || targetActivityId.isBlank() || targetActivityId.length() > 255) {
            throw new DomainValidationException("target", "请选择退回到的环节");
        }
        if (reason == null || reason.isBlank()) {
            throw new DomainValidationException("reason", "请填写退回理由");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new DomainValidationException("reason", "退回理由最多" + MAX_REASON + "个字符");
        }
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        if (task.getAssignee() == null) {
            throw new ConflictException("NOT_ASSIGNEE", "只能退回自己领取的任务，请先领取");
        }
        if (task.getDelegationState() == DelegationState.PENDING) {
            throw new ConflictException("DELEGATION_PENDING", "该任务已委派给 " + task.getAssignee()
                    + "，须由其办完交回后由原办理人决定是否退回");
        }
        if (!task.getAssignee().equals(me.username())) {
            throw new ConflictException("TASK_TAKEN", "该任务已由 " + task.getAssignee() + " 办理");
        }
        coApprovals.requireNoneOpenBefore(taskId);
        if (!coApprovals.afterOf(taskId).isEmpty()) {
            throw new ConflictException("CO_APPROVAL_OPEN", "本任务已加签（在本人审核之后），退回前请先办结或改为由加签人先审");
        }
        if (!allowed(task)) {
            throw new ConflictException("SEND_BACK_NOT_ALLOWED", "流程不允许从「" + task.getName() + "」退回");
        }
        Target target = earlier(task).stream().filter(t -> t.activityId().equals(targetActivityId.strip()))
                .findFirst().orElseThrow(() -> new ConflictException("NOT_AN_EARLIER_STEP", "target",
                        "只能退回到本业务已经办理过的前序人工环节"));
        CaseAccess.Case c = access.caseOf(task);
        TaskInboxService.engine(() -> runtime.createProcessInstanceModification(task.getProcessInstanceId())
                .cancelActivityInstance(activityInstanceOf(task))
                .startBeforeActivity(target.activityId())
                .setVariable("sendBackReason", reason.strip())
                .execute());
        file.addNote(c, taskId, task.getName(), CaseFile.NoteKind.SEND_BACK, me.username(),
                "退回到「" + target.name() + "」：" + reason.strip(), null);
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.SENT_BACK, taskId, c.businessKey(),
                c.regionCode(), TaskComments.step(task) + " -> " + target.activityId()));
    }

    private boolean allowed(Task task) {
        if (task.getProcessDefinitionId() == null) {
            return false;
        }
        var model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
        if (!(model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask userTask)
                || userTask.getExtensionElements() == null) {
            return false;
        }
        return userTask.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                .stream().flatMap(p -> p.getCamundaProperties().stream())
                .anyMatch(p -> FLAG.equals(p.getCamundaName()) && "true".equalsIgnoreCase(p.getCamundaValue()));
    }

    /** Whether the model leads from the node along its sequence flows to the activity (an upstream step). */
    private static boolean reaches(Object from, String activityId) {
        if (!(from instanceof FlowNode start)) {
            return false;
        }
        java.util.Deque<FlowNode> open = new java.util.ArrayDeque<>(List.of(start));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!open.isEmpty()) {
            FlowNode node = open.pop();
            if (!seen.add(node.getId())) {
                continue;
            }
            for (SequenceFlow flow : node.getOutgoing()) {
                if (activityId.equals(flow.getTarget().getId())) {
                    return true;
                }
                open.push(flow.getTarget());
            }
        }
        return false;
    }

    /** The activity instance of the task (only it is cancelled, not other instances of a multi-instance step). */
    private String activityInstanceOf(Task task) {
        ActivityInstance root = runtime.getActivityInstance(task.getProcessInstanceId());
        String found = root == null ? null : find(root, task.getTaskDefinitionKey(), task.getExecutionId());
        if (found == null) {
            throw new ConflictException("CONCURRENT_CHANGE", "该任务刚被他人处理，请刷新后重试");
        }
        return found;
    }

    private static String find(ActivityInstance instance, String activityId, String executionId) {
        if (activityId.equals(instance.getActivityId())
                && java.util.Arrays.asList(instance.getExecutionIds()).contains(executionId)) {
            return instance.getId();
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            String found = find(child, activityId, executionId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The user tasks completed (not cancelled) in this instance before (not the current step), oldest first, each once. */
    private List<Target> earlier(Task task) {
        var model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
        Map<String, Target> done = new LinkedHashMap<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).activityType("userTask").finished()
                .orderByHistoricActivityInstanceStartTime().asc().list()) {
            if (!a.isCanceled() && !a.getActivityId().equals(task.getTaskDefinitionKey())
                    && !done.containsKey(a.getActivityId())
                    && reaches(model.getModelElementById(a.getActivityId()), task.getTaskDefinitionKey())) {
                done.putIfAbsent(a.getActivityId(), new Target(a.getActivityId(), a.getActivityName()));
            }
        }
        return List.copyOf(done.values());
    }
}
