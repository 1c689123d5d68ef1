package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.ApplicationEventPublisher;

import java.util.List;
import java.util.Optional;

/**
 * Turns the engine's history events about user tasks into {@link TaskEvent}s and publishes them to
 * the audit module's recorder (BPM-03, SEC-03; {@code docs/decisions/008}). It is one of the engine's history event
 * handlers ({@link TaskAuditPlugin}), so it runs inside the engine command that changes the task, and therefore inside
 * that command's Spring transaction: the task change and its audit entry commit or roll back together.
 *
 * <ul>
 *     <li>task instance {@code create} → {@code TaskCreated} (with the assignee, if the task was created with one);</li>
 *     <li>task instance {@code complete} with the delete reason {@code completed} → {@code TaskCompleted}; with any
 *     other reason (process instance deleted, task cancelled by an event, task deleted) → {@code TaskCancelled}. The
 *     engine reports both as {@code complete}; {@code delete} is treated as a cancellation too;</li>
 *     <li>identity link {@code add} / {@code delete} of type {@code assignee} → {@code TaskClaimed} /
 *     {@code TaskUnclaimed}. The engine has no task history event of its own for an assignment (it is a generic
 *     {@code update}, written when the command closes, without the previous assignee); the identity link log, written
 *     at history level {@code full}, records exactly who was assigned and who was removed. A handover from A to B is
 *     an unclaim of A and a claim of B.</li>
 * </ul>
 * Other history events (variables, activities, candidate groups, task updates, ...) are left to the engine.
 */
class TaskHistoryAuditor implements HistoryEventHandler {

    private final ApplicationEventPublisher publisher;

    TaskHistoryAuditor(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        toAuditEvent(event).ifPresent(publisher::publishEvent);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    /** The audit event for a history event, if it is one about a user task that belongs in the log. */
    Optional<TaskEvent> toAuditEvent(HistoryEvent event) {
        if (event instanceof HistoricTaskInstanceEventEntity task) {
            return fromTaskInstance(task);
        }
        if (event instanceof HistoricIdentityLinkLogEventEntity link) {
            return fromAssigneeLink(link);
        }
        return Optional.empty();
    }

    private Optional<TaskEvent> fromTaskInstance(HistoricTaskInstanceEventEntity task) {
        String taskId = task.getTaskId() != null ? task.getTaskId() : task.getId();
        String caseRef = caseRef(task.getProcessInstanceId(), task.getRootProcessInstanceId());
        String describe = describe(task.getTaskDefinitionKey(), task.getName());
        if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
            return Optional.of(new TaskEvent(TaskEvent.CREATED, taskId, caseRef,
                    task.getAssignee() == null ? describe : describe + ", assignee=" + task.getAssignee()));
        }
        boolean ended = task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE);
        if (ended && TaskEntity.DELETE_REASON_COMPLETED.equals(task.getDeleteReason())) {
            return Optional.of(new TaskEvent(TaskEvent.COMPLETED, taskId, caseRef,
                    task.getAssignee() == null ? describe : describe + ", assignee=" + task.getAssignee()));
        }
        if (ended || task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
            String reason = task.getDeleteReason();
            return Optional.of(new TaskEvent(TaskEvent.CANCELLED, taskId, caseRef,
                    reason == null ? describe : describe + ", reason=" + shorten(reason)));
        }
        return Optional.empty();
    }

    private Optional<TaskEvent> fromAssigneeLink(HistoricIdentityLinkLogEventEntity link) {
        if (!IdentityLinkType.ASSIGNEE.equals(link.getType()) || link.getTaskId() == null) {
            return Optional.empty();
        }
        String type;
        if (link.isEventOfType(HistoryEventTypes.IDENTITY_LINK_ADD)) {
            type = TaskEvent.CLAIMED;
        } else if (link.isEventOfType(HistoryEventTypes.IDENTITY_LINK_DELETE)) {
            type = TaskEvent.UNCLAIMED;
        } else {
            return Optional.empty();
        }
        TaskFacts task = task(link.getTaskId());
        String caseRef = task == null ? null : caseRef(task.processInstanceId(), link.getRootProcessInstanceId());
        String describe = task == null ? "-" : describe(task.definitionKey(), task.name());
        return Optional.of(new TaskEvent(type, link.getTaskId(), caseRef, describe + ", assignee=" + link.getUserId()));
    }

    /** The business key of the task's process instance, else of its root process instance: the case. */
    private String caseRef(String processInstanceId, String rootProcessInstanceId) {
        String key = businessKey(processInstanceId);
        if (key == null && rootProcessInstanceId != null && !rootProcessInstanceId.equals(processInstanceId)) {
            key = businessKey(rootProcessInstanceId);
        }
        return key;
    }

    /**
     * The business key of a process instance, read in the running command: the engine's entity cache holds the
     * instance whose task is changing, so this normally costs no query; a deleted instance is found in the history.
     */
    String businessKey(String processInstanceId) {
        CommandContext command = Context.getCommandContext();
        if (command == null || processInstanceId == null) {
            return null;
        }
        ExecutionEntity instance = command.getExecutionManager().findExecutionById(processInstanceId);
        if (instance != null) {
            return instance.getBusinessKey();
        }
        HistoricProcessInstanceEntity historic = command.getHistoricProcessInstanceManager()
                .findHistoricProcessInstance(processInstanceId);
        return historic == null ? null : historic.getBusinessKey();
    }

    /** The task whose assignee changes, from the running command (where it is cached, being changed). */
    TaskFacts task(String taskId) {
        CommandContext command = Context.getCommandContext();
        TaskEntity task = command == null ? null : command.getTaskManager().findTaskById(taskId);
        return task == null ? null
                : new TaskFacts(task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId());
    }

    private static String describe(String definitionKey, String name) {
        if (name == null || name.isBlank()) {
            return definitionKey == null ? "-" : definitionKey;
        }
        return (definitionKey == null ? "-" : definitionKey) + " " + name;
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    /** What an audit entry says about a task. */
    record TaskFacts(String definitionKey, String name, String processInstanceId) {
    }
}
