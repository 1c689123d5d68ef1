package cn.healthcard.support;

import cn.healthcard.lifecycle.CardRequestData;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.CardRequestView;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskRef;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Card lifecycle requests as the clerk and the supervisor do them. */
public final class CardRequestScenarios {

    private final CardRequestService requests;
    private final TaskInboxService inbox;
    private final TestUsers users;

    public CardRequestScenarios(CardRequestService requests, TaskInboxService inbox, TestUsers users) {
        this.requests = requests;
        this.inbox = inbox;
        this.users = users;
    }

    /** The form as the clerk fills it for the card holder, with the type's own fields. */
    public static CardRequestData form(String cardNo, ResidentData holder, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new CardRequestData(cardNo, "13912345678", holder.documentType(), holder.documentNumber(), details);
    }

    public CardRequestView submit(String clerk, RequestType type, CardRequestData data) {
        return users.as(clerk, () -> requests.submit(type, data));
    }

    public TaskRef task(String user, String requestId, String taskKey) {
        return Eventually.await(taskKey + " of " + requestId, Duration.ofSeconds(30),
                () -> users.as(user, () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                        .filter(t -> requestId.equals(t.businessKey()) && taskKey.equals(t.taskDefinitionKey()))
                        .findFirst().orElse(null),
                t -> t != null);
    }

    public CardRequestView review(String supervisor, String requestId, String decision, String comment) {
        TaskRef task = task(supervisor, requestId, CardRequestService.REVIEW_TASK);
        return users.as(supervisor, () -> requests.review(task.taskId(), Review.of(decision, comment)));
    }

    /** Submitted by {@code clerk}, approved by {@code supervisor}; returns the request once the process moved on. */
    public CardRequestView approved(RequestType type, CardRequestData data) {
        String id = submit("clerk", type, data).requestId();
        review("supervisor", id, "APPROVE", null);
        return users.as("clerk", () -> requests.get(id));
    }

    public CardRequestView awaitStatus(String requestId, RequestStatus status) {
        return Eventually.await("request " + requestId + " " + status, Duration.ofSeconds(30),
                () -> users.as("clerk", () -> requests.get(requestId)), r -> r.status() == status);
    }
}
