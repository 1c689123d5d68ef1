package cn.healthcard.resident;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resident-data conflict case on a real PostgreSQL server (V23 by Flyway): filed, approved, application through. */
@PostgresIntegrationTest
class PostgresResidentConflictIT {

    @Autowired ResidentConflictService conflicts;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;

    @Test
    @DisplayName("ORG-05 APP-04 APP-01 the conflict case runs on PostgreSQL: one open case per resident, approval corrects the record, the other region's application goes through")
    void onPostgres() {
        CardApplicationScenarios scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        ResidentData person = TestResidents.newResident("郑海波");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);
        ResidentData entered = new ResidentData(person.documentType(), person.documentNumber(), "郑海涛",
                person.sex(), person.ethnicity(), person.birthDate(), "13800000000", "上海市徐汇区漕溪北路1号",
                person.bloodTypeAbo(), person.bloodTypeRh(), null, person.photo());

        String caseNo = users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered, "户籍迁移")))
                .caseNo();
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                "再次提交")))).isInstanceOf(ConflictException.class);
        TaskRef task = Eventually.await("review of " + caseNo, Duration.ofSeconds(30),
                () -> users.as("supervisor", () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                        .filter(t -> caseNo.equals(t.businessKey())).findFirst().orElse(null), t -> t != null);
        users.as("supervisor", () -> conflicts.review(task.taskId(), Review.approve()));

        assertThat(users.as("shclerk", () -> conflicts.get(caseNo)).status())
                .isEqualTo(ResidentConflictStatus.CORRECTED);
        assertThat(users.as("shclerk", () -> applications.submit(entered)).status())
                .isEqualTo(ApplicationStatus.SUBMITTED);
    }
}
