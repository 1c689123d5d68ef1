package cn.healthcard.issuance;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.SendBack;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generic send-back (BPM-02, decision 034) on the real card-application process: its review already sends back
 * through the domain (Review.Outcome.SEND_BACK: status RETURNED, review event, second-person and role checks), so the
 * process instance modification, which the domain state could not follow, is not offered there.
 */
@IntegrationTest
class CardApplicationSendBackIT {

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired SendBack sendBack;
    @Autowired TestUsers users;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    @Test
    @DisplayName("BPM-02 APP-07 the generic send-back is refused on the card-application review (409 SEND_BACK_NOT_ALLOWED, no targets offered) after a RETURN and a resubmit: the application stays SUBMITTED, and the domain's send-back still returns it, the clerk resubmits and can withdraw")
    void sendBackGoesThroughTheDomain() {
        ResidentData person = TestResidents.newResident("退回测");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "住址不完整");
        scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED);
        var revise = scenario.task("clerk", id, CardApplicationService.REVISE_TASK);
        ResidentData loaded = users.as("clerk", () -> applications.residentForCorrection(revise.taskId()));
        users.run("clerk", () -> applications.resubmit(revise.taskId(), loaded));
        scenario.awaitStatus("supervisor", id, ApplicationStatus.SUBMITTED);

        var review = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);
        users.run("supervisor", () -> inbox.claim(review.taskId()));
        assertThat(users.as("supervisor", () -> sendBack.targets(review.taskId()))).isEmpty();
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review.taskId(),
                CardApplicationService.REVISE_TASK, "照片")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("SEND_BACK_NOT_ALLOWED"));
        assertThat(users.as("clerk", () -> applications.get(id)).status()).isEqualTo(ApplicationStatus.SUBMITTED);

        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "照片");
        scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED);
        var again = scenario.task("clerk", id, CardApplicationService.REVISE_TASK);
        users.run("clerk", () -> applications.resubmit(again.taskId(),
                users.as("clerk", () -> applications.residentForCorrection(again.taskId()))));
        scenario.awaitStatus("supervisor", id, ApplicationStatus.SUBMITTED);
        scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);

        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "再补充");
        scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED);
        var third = scenario.task("clerk", id, CardApplicationService.REVISE_TASK);
        assertThat(users.as("clerk", () -> applications.withdraw(third.taskId(), new Withdrawal("居民不再申领")))
                .status()).isEqualTo(ApplicationStatus.WITHDRAWN);
    }
}
