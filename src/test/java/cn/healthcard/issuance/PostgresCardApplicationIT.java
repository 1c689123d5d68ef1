package cn.healthcard.issuance;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The case on a real PostgreSQL server: schema by Flyway, Camunda's schema, and two clerks at the same moment. */
@PostgresIntegrationTest
class PostgresCardApplicationIT {

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    @Test
    @DisplayName("APP-01 APP-12 the whole case runs on PostgreSQL (Flyway schema + Camunda schema)")
    void wholeCase() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        ApplicationView issued = scenario.issue(TestResidents.newResident("欧阳明"));
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();
    }

    @RepeatedTest(5)
    @DisplayName("APP-02 two clerks submit the same NEW person at the same moment: exactly one succeeds")
    void concurrentNewPerson() throws Exception {
        assertExactlyOneWins(TestResidents.newResident("并发新"));
    }

    @RepeatedTest(3)
    @DisplayName("APP-02 two clerks submit the same KNOWN person (earlier application rejected) at once: exactly one succeeds")
    void concurrentKnownPerson() throws Exception {
        ResidentData person = TestResidents.newResident("并发旧");
        String first = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", first, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", first, ApplicationStatus.REJECTED);
        assertExactlyOneWins(person);
    }

    private void assertExactlyOneWins(ResidentData person) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (String clerk : List.of("clerk", "clerk2")) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return scenario.submit(clerk, person).status().name();
                    } catch (ConflictException e) {
                        return "CONFLICT:" + e.code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("SUBMITTED", "CONFLICT:ONE_PERSON_ONE_CARD");
            assertThat(jdbc.queryForObject("select count(*) from one_card_claim c join resident r on r.id = c.resident_id "
                    + "where r.id in (select resident_id from card_application)", Integer.class)).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
