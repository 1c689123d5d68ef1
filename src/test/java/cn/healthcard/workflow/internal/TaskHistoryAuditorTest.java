package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which engine history events become task audit entries, and what they say — without an engine or Spring. */
class TaskHistoryAuditorTest {

    private final List<Object> published = new ArrayList<>();

    /** Answers the look-ups the real one makes in the running engine command. */
    private final TaskHistoryAuditor auditor = new TaskHistoryAuditor(published::add) {
        @Override
        String businessKey(String processInstanceId) {
            return "pi-1".equals(processInstanceId) ? "SQ11010520260101000001" : null;
        }

        @Override
        TaskFacts task(String taskId) {
            return new TaskFacts("reviewApplication", "申领审核", "pi-1");
        }
    };

    @Test
    @DisplayName("BPM-03 task created, completed and ended otherwise become TaskCreated, TaskCompleted, TaskCancelled")
    void taskInstanceEvents() {
        auditor.handleEvents(List.of(
                task(HistoryEventTypes.TASK_INSTANCE_CREATE, null, null),
                task(HistoryEventTypes.TASK_INSTANCE_CREATE, "lead", null),
                task(HistoryEventTypes.TASK_INSTANCE_UPDATE, "supervisor", null),
                task(HistoryEventTypes.TASK_INSTANCE_COMPLETE, "supervisor", "completed"),
                task(HistoryEventTypes.TASK_INSTANCE_COMPLETE, null, "deleted"),
                task(HistoryEventTypes.TASK_INSTANCE_DELETE, null, null)));

        assertThat(published).containsExactly(
                new TaskEvent("TaskCreated", "t-1", "SQ11010520260101000001", "reviewApplication 申领审核"),
                new TaskEvent("TaskCreated", "t-1", "SQ11010520260101000001", "reviewApplication 申领审核, assignee=lead"),
                new TaskEvent("TaskCompleted", "t-1", "SQ11010520260101000001",
                        "reviewApplication 申领审核, assignee=supervisor"),
                new TaskEvent("TaskCancelled", "t-1", "SQ11010520260101000001",
                        "reviewApplication 申领审核, reason=deleted"),
                new TaskEvent("TaskCancelled", "t-1", "SQ11010520260101000001", "reviewApplication 申领审核"));
        assertThat(published).allSatisfy(e -> {
            assertThat(((TaskEvent) e).subjectType()).isEqualTo("Task");
            assertThat(((TaskEvent) e).subjectId()).isEqualTo("t-1");
            assertThat(((TaskEvent) e).regionCode()).as("taken from the case by the recorder").isNull();
        });
    }

    @Test
    @DisplayName("BPM-03 assignee link added / removed becomes TaskClaimed / TaskUnclaimed; other history is ignored")
    void assigneeLinks() {
        auditor.handleEvents(List.of(
                link(HistoryEventTypes.IDENTITY_LINK_ADD, "assignee", "supervisor"),
                link(HistoryEventTypes.IDENTITY_LINK_DELETE, "assignee", "supervisor"),
                link(HistoryEventTypes.IDENTITY_LINK_ADD, "candidate", null),
                link(HistoryEventTypes.IDENTITY_LINK_ADD, "owner", "clerk"),
                new HistoricVariableUpdateEventEntity()));

        assertThat(published).containsExactly(
                new TaskEvent("TaskClaimed", "t-1", "SQ11010520260101000001",
                        "reviewApplication 申领审核, assignee=supervisor"),
                new TaskEvent("TaskUnclaimed", "t-1", "SQ11010520260101000001",
                        "reviewApplication 申领审核, assignee=supervisor"));
    }

    private static HistoryEvent task(HistoryEventTypes type, String assignee, String deleteReason) {
        var event = new HistoricTaskInstanceEventEntity();
        event.setEventType(type.getEventName());
        event.setId("t-1");
        event.setTaskId("t-1");
        event.setTaskDefinitionKey("reviewApplication");
        event.setName("申领审核");
        event.setProcessInstanceId("pi-1");
        event.setAssignee(assignee);
        event.setDeleteReason(deleteReason);
        return event;
    }

    private static HistoryEvent link(HistoryEventTypes type, String linkType, String userId) {
        var event = new HistoricIdentityLinkLogEventEntity();
        event.setEventType(type.getEventName());
        event.setType(linkType);
        event.setUserId(userId);
        event.setGroupId(userId == null ? "SUPERVISOR" : null);
        event.setTaskId("t-1");
        return event;
    }
}
