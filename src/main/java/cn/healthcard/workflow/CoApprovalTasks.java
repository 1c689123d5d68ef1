package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.context.ApplicationEventPublisher;
import cn.healthcard.workflow.internal.InboxIndex;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine side of co-approvals (加签, docs/decisions/034). A co-approval is a standalone task of the engine, assigned
 * to the co-approver, with the case's region and process instance as its local variables (so the inbox and the task
 * guard treat it as a task of the case) and an inbox entry of its own:
 * <ul>
 *   <li>placed BEFORE the holder's own decision it is a sub-task ({@code parentTaskId}) of the holder's task, and the
 *   holder's task cannot be completed while it is open ({@code CO_APPROVAL_OPEN});</li>
 *   <li>placed AFTER, the co-approver is noted on the holder's task (local variable {@value #AFTER}) and gets the task
 *   when the holder completes theirs; the case has moved on by then, the verdict is recorded on the case.</li>
 * </ul>
 */
@Component
class CoApprovalTasks {

    static final String OF = "coApprovalOf";
    static final String PLACEMENT = "coApprovalPlacement";
    static final String AFTER = "coApproversAfter";
    /** On the holder's task: who, placed before, rejected it (space-separated). */
    static final String REJECTED = "coApprovalRejectedBy";
    /** The holder's reason for approving against a co-approver's REJECT placed before. */
    public static final String OVERRIDE_REASON = "overrideReason";
    /** On the holder's task: the REJECT placed before has been overridden (with a reason, on the case). */
    static final String OVERRIDDEN = "coApprovalOverridden";
    static final int MAX_OVERRIDE = 500;

    /** What a co-approval placed after the holder's decision needs of its case, read before the holder completes. */
    record After(List<String> approvers, String owner, String parentTaskId, String parentName,
                 String processInstanceId, String region, String businessKey, String processKey) {
    }

    private final TaskService tasks;
    private final HistoryService history;
    private final InboxIndex index;
    private final CaseFile file;
    private final ApplicationEventPublisher events;

    CoApprovalTasks(TaskService tasks, HistoryService history, InboxIndex index, CaseFile file,
                    ApplicationEventPublisher events) {
        this.tasks = tasks;
        this.history = history;
        this.index = index;
        this.file = file;
        this.events = events;
    }

    /** Whether the approver was asked before the task's decision already, open or decided. */
    boolean askedBefore(String taskId, String approver) {
        return history.createHistoricTaskInstanceQuery().taskParentTaskId(taskId).taskAssignee(approver).count() > 0;
    }

    /** Notes on the holder's task that a co-approver placed before it rejected. */
    void rejectedBefore(String taskId, String approver) {
        Object earlier = tasks.getVariableLocal(taskId, REJECTED);
        tasks.setVariableLocal(taskId, REJECTED, earlier == null ? approver : earlier + " " + approver);
    }

    /**
     * Before the holder completes: if a co-approver placed before rejected and the holder approves
     * ({@code reviewDecision=APPROVE}), the variables must carry an override reason (else 409
     * {@code CO_APPROVAL_REJECTED}); it is recorded on the case and audited.
     */
    void requireOverrideOfRejection(Task task, Map<String, Object> variables, String holder) {
        String rejectedBy = rejectedBy(task.getId());
        if (rejectedBy == null || variables == null || tasks.getVariableLocal(task.getId(), OVERRIDDEN) != null
                || !"APPROVE".equals(String.valueOf(variables.get(Review.DECISION_VARIABLE)))) {
            return;
        }
        Object reason = variables.get(OVERRIDE_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw new ConflictException("CO_APPROVAL_REJECTED", OVERRIDE_REASON, "加签审核人（" + rejectedBy
                    + "）不同意；如仍同意，请先在工具栏「不采纳加签意见」中填写改判理由");
        }
        override(task, reason.toString(), holder);
    }

    boolean overridden(String taskId) {
        return tasks.getVariableLocal(taskId, OVERRIDDEN) != null;
    }

    /** Who, placed before, rejected the task; null if nobody. */
    String rejectedBy(String taskId) {
        Object rejectedBy = tasks.getVariableLocal(taskId, REJECTED);
        return rejectedBy == null ? null : rejectedBy.toString();
    }

    /** The holder overrides a REJECT placed before, with a reason: noted on the case and audited. */
    CaseNote override(Task task, String reason, String holder) {
        String rejectedBy = rejectedBy(task.getId());
        if (rejectedBy == null) {
            throw new ConflictException("NO_CO_APPROVAL_REJECTION", "本任务没有不同意的加签意见，无需改判");
        }
        if (reason == null || reason.isBlank()) {
            throw new DomainValidationException(OVERRIDE_REASON, "请填写「改判理由」");
        }
        if (reason.strip().length() > MAX_OVERRIDE) {
            throw new DomainValidationException(OVERRIDE_REASON, "「改判理由」最多" + MAX_OVERRIDE + "个字符");
        }
        var pi = history.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        Object region = tasks.getVariable(task.getId(), TaskInboxService.REGION_CODE);
        var c = new CaseAccess.Case(task.getProcessInstanceId(), pi.getBusinessKey(),
                region == null ? null : region.toString(), pi.getProcessDefinitionKey());
        CaseNote note = file.addNote(c, task.getId(), task.getName(), CaseFile.NoteKind.CO_APPROVAL, holder,
                "不采纳加签意见（" + rejectedBy + " 不同意），改判理由：" + reason.strip(), null);
        tasks.setVariableLocal(task.getId(), OVERRIDDEN, holder);
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.CO_APPROVAL_OVERRIDDEN, task.getId(),
                c.businessKey(), c.regionCode(), TaskComments.step(task) + ", rejectedBy=" + rejectedBy
                + ", holder=" + holder));
        return note;
    }

    void requireNoneOpenBefore(String taskId) {
        List<Task> open = tasks.getSubTasks(taskId);
        if (!open.isEmpty()) {
            throw new ConflictException("CO_APPROVAL_OPEN", "加签审核（" + open.get(0).getAssignee()
                    + "）尚未完成，完成后才能办结本任务");
        }
    }

    /** The co-approvers placed after the task's decision, with what their tasks need; null if there are none. */
    After pendingAfter(String taskId) {
        List<String> approvers = afterOf(taskId);
        if (approvers.isEmpty()) {
            return null;
        }
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        var entry = index.entries(List.of(taskId)).get(taskId);
        Object region = tasks.getVariable(taskId, TaskInboxService.REGION_CODE);
        return new After(approvers, task.getOwner() != null ? task.getOwner() : task.getAssignee(), taskId,
                task.getName(), task.getProcessInstanceId(), region == null ? null : region.toString(),
                entry == null ? null : entry.businessKey(), entry == null ? null : entry.processKey());
    }

    List<String> afterOf(String taskId) {
        Object after = tasks.getVariableLocal(taskId, AFTER);
        return after == null || after.toString().isBlank() ? List.of()
                : Arrays.asList(after.toString().trim().split("\\s+"));
    }

    void addAfter(String taskId, String approver) {
        List<String> all = new ArrayList<>(afterOf(taskId));
        all.add(approver);
        tasks.setVariableLocal(taskId, AFTER, String.join(" ", all));
    }

    /** Opens the co-approvals placed after a task, once it is completed. */
    void openAfter(Task completed, After after, String owner) {
        if (after == null) {
            return;
        }
        for (String approver : after.approvers()) {
            open(null, after.parentTaskId(), after.parentName(), approver, owner, "AFTER",
                    after.processInstanceId(), after.region(), after.businessKey(), after.processKey());
        }
    }

    /** Creates a co-approval task; its id. */
    String open(String parentTaskId, String ofTaskId, String parentName, String approver, String owner,
                String placement, String processInstanceId, String region, String businessKey, String processKey) {
        Task t = tasks.newTask();
        t.setName("加签审核：" + (parentName == null ? "" : parentName));
        t.setAssignee(approver);
        t.setOwner(owner);
        t.setParentTaskId(parentTaskId);
        tasks.saveTask(t);
        Map<String, Object> vars = new HashMap<>();
        vars.put(TaskInboxService.REGION_CODE, region);
        vars.put(CaseAccess.CO_APPROVAL_CASE, processInstanceId);
        vars.put(OF, ofTaskId);
        vars.put(PLACEMENT, placement);
        tasks.setVariablesLocal(t.getId(), vars);
        index.addStandalone(t.getId(), processInstanceId, processKey, region, businessKey, null);
        return t.getId();
    }

    /** Completes a co-approval task and removes its inbox entry. */
    void close(String taskId) {
        TaskInboxService.engine(() -> tasks.complete(taskId));
        index.remove(taskId);
    }
}
