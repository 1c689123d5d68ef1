package cn.healthcard.workflow;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who may do what on a case's tasks and read the case (SEC-03, docs/decisions/034). A case is the process instance
 * with that business key (the top-level one, newest first); its region is its {@code regionCode}.
 * <ul>
 *   <li>a task operation needs the open task to be workable by the caller ({@link TaskInboxService#workable}: in
 *   their region, assigned to them or offered to their groups), else 404;</li>
 *   <li>reading the case (timeline, attachments) and commenting on it needs the case in the caller's region and the
 *   caller among its people: a candidate group of one of its tasks is theirs, or they held one of its tasks or a
 *   co-approval of it; else 404 — a case one may not read does not exist for one.</li>
 * </ul>
 */
@Component
class CaseAccess {

    /** Local variables of a co-approval task (a standalone task outside the process). */
    static final String CO_APPROVAL_CASE = "coApprovalCase";

    /** A case as the task operations address it. */
    record Case(String processInstanceId, String businessKey, String regionCode, String processKey) {
    }

    private final HistoryService history;
    private final TaskService tasks;
    private final TaskInboxService inbox;

    CaseAccess(HistoryService history, TaskService tasks, TaskInboxService inbox) {
        this.history = history;
        this.tasks = tasks;
        this.inbox = inbox;
    }

    /** The open task, workable by the caller (404 otherwise). */
    Task workable(String taskId) {
        return inbox.workable(taskId);
    }

    /** The case of a task: its process instance, or for a co-approval task the case it was added to. */
    Case caseOf(Task task) {
        String processInstanceId = task.getProcessInstanceId();
        if (processInstanceId == null) {
            Object c = tasks.getVariableLocal(task.getId(), CO_APPROVAL_CASE);
            processInstanceId = c == null ? null : c.toString();
        }
        if (processInstanceId == null) {
            throw new NotFoundException("任务不属于任何业务");
        }
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (pi == null) {
            throw new NotFoundException("业务不存在");
        }
        return toCase(pi);
    }

    /** The case with this business key, if the caller may read it; 404 otherwise. */
    Case readable(String businessKey) {
        CurrentUser me = SecurityContextUsers.require();
        HistoricProcessInstance pi = businessKey == null ? null : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).list().stream()
                .filter(p -> p.getSuperProcessInstanceId() == null)
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime)).orElse(null);
        if (pi == null) {
            throw new NotFoundException("业务不存在或不在您的辖区");
        }
        Case c = toCase(pi);
        if (c.regionCode() == null || !me.canSee(c.regionCode()) || !among(me, c)) {
            throw new NotFoundException("业务不存在或不在您的辖区");
        }
        return c;
    }

    private boolean among(CurrentUser me, Case c) {
        List<String> groups = TaskInboxService.candidateGroupsOf(me);
        List<HistoricTaskInstance> caseTasks = history.createHistoricTaskInstanceQuery()
                .processInstanceId(c.processInstanceId()).list();
        for (HistoricTaskInstance t : caseTasks) {
            if (me.username().equals(t.getAssignee()) || me.username().equals(t.getOwner())) {
                return true;
            }
        }
        for (HistoricTaskInstance t : caseTasks) {
            for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().taskId(t.getId())
                    .type(IdentityLinkType.CANDIDATE).list()) {
                if (link.getGroupId() != null && groups.contains(link.getGroupId())) {
                    return true;
                }
            }
        }
        return history.createHistoricTaskInstanceQuery().taskAssignee(me.username())
                .taskVariableValueEquals(CO_APPROVAL_CASE, c.processInstanceId()).count() > 0;
    }

    private Case toCase(HistoricProcessInstance pi) {
        String region = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(TaskInboxService.REGION_CODE).list().stream()
                .filter(v -> v.getActivityInstanceId() == null || Objects.equals(v.getExecutionId(), pi.getId()))
                .map(HistoricVariableInstance::getValue).filter(Objects::nonNull).map(Object::toString)
                .findFirst().orElse(null);
        return new Case(pi.getId(), pi.getBusinessKey(), region, pi.getProcessDefinitionKey());
    }
}
