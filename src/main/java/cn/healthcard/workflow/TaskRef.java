package cn.healthcard.workflow;

import java.time.Instant;

/** A user task as the application sees it (no engine types leak out of the workflow module). */
public record TaskRef(String taskId, String name, String taskDefinitionKey, String formKey, String processDefinitionKey,
                      String processInstanceId, String businessKey, String assignee, Instant created, Instant due,
                      int priority, String applicantName) {
}
