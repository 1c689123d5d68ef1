package cn.healthcard.support;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.ApplicationView;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.issuance.PickupData;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of the card-application case as people do them, shared by the H2 and PostgreSQL integration tests. */
public final class CardApplicationScenarios {

    private final CardApplicationService applications;
    private final TaskInboxService inbox;
    private final CardService cards;
    private final TestUsers users;

    public CardApplicationScenarios(CardApplicationService applications, TaskInboxService inbox, CardService cards,
                             TestUsers users) {
        this.applications = applications;
        this.inbox = inbox;
        this.cards = cards;
        this.users = users;
    }

    public ApplicationView submit(String clerk, ResidentData data) {
        return users.as(clerk, () -> applications.submit(data));
    }

    /** The open task of the application for a user (from their inbox), waiting for it to appear. */
    public TaskRef task(String user, String applicationId, String taskKey) {
        return Eventually.await(taskKey + " of " + applicationId + " in the inbox of " + user, Duration.ofSeconds(30),
                () -> users.as(user, () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                        .filter(t -> applicationId.equals(t.businessKey()) && taskKey.equals(t.taskDefinitionKey()))
                        .findFirst().orElse(null),
                t -> t != null);
    }

    public ApplicationView review(String supervisor, String applicationId, Review.Outcome decision, String comment) {
        TaskRef task = task(supervisor, applicationId, CardApplicationService.REVIEW_TASK);
        return users.as(supervisor, () -> applications.review(task.taskId(), Review.of(decision, comment)));
    }

    public ApplicationView awaitStatus(String user, String applicationId, ApplicationStatus status) {
        return Eventually.await("status " + status + " of " + applicationId, Duration.ofSeconds(30),
                () -> users.as(user, () -> applications.get(applicationId)), a -> a.status() == status);
    }

    /** Approve → card made → picked up in person: the card is active. Returns the issued application. */
    public ApplicationView issue(ResidentData data) {
        String id = submit("clerk", data).applicationId();
        review("supervisor", id, Review.Outcome.APPROVE, null);
        ApplicationView ready = awaitStatus("clerk", id, ApplicationStatus.READY);
        assertThat(users.as("clerk", () -> cards.find(ready.cardNo())).orElseThrow().status())
                .isEqualTo(CardStatus.READY);
        TaskRef pickup = task("clerk", id, CardApplicationService.PICKUP_TASK);
        return users.as("clerk", () -> applications.registerPickup(pickup.taskId(),
                new PickupData(true, null, null, null, true, null)));
    }
}
