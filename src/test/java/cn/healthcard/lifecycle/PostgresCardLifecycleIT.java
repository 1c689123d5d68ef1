package cn.healthcard.lifecycle;

import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Two clerks acting on one card at the same moment, on a real PostgreSQL server: exactly one succeeds. */
@PostgresIntegrationTest
class PostgresCardLifecycleIT {

    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;

    CardApplicationScenarios issuing;
    CardRequestScenarios scenario;

    @BeforeEach
    void setUp() {
        issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        scenario = new CardRequestScenarios(requests, inbox, users);
    }

    @RepeatedTest(3)
    @DisplayName("LC-01 LC-06 two clerks submit requests on the same card at once (loss report and cancellation): exactly one is accepted")
    void twoRequestsOneCard() throws Exception {
        ResidentData holder = TestResidents.newResident("并发卡");
        String cardNo = issuing.issue(holder).cardNo();
        List<String> outcomes = race(
                () -> scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "丢失"))
                        .status().name(),
                () -> scenario.submit("clerk2", RequestType.CANCELLATION, form(cardNo, holder,
                        "cancellationReason", "不用了")).status().name());
        assertThat(outcomes).containsExactlyInAnyOrder("SUBMITTED", "CONFLICT:REQUEST_IN_FLIGHT");
    }

    @RepeatedTest(3)
    @DisplayName("APP-13 two terminals report a PIN lock of one card at once: one change is recorded, the other is refused clearly")
    void twoChangesOneCard() throws Exception {
        String cardNo = issuing.issue(TestResidents.newResident("并发锁")).cardNo();
        List<String> outcomes = race(
                () -> users.as("clerk", () -> cards.reportPinLock(cardNo, "T-1")).status().name(),
                () -> users.as("clerk2", () -> cards.reportPinLock(cardNo, "T-2")).status().name());
        // the loser saw either the lock already there (ILLEGAL_TRANSITION) or the concurrent change itself
        assertThat(outcomes).containsOnlyOnce("PIN_LOCKED");
        assertThat(outcomes).filteredOn(o -> !o.equals("PIN_LOCKED")).singleElement().asString()
                .isIn("CONFLICT:ILLEGAL_TRANSITION", "CONFLICT:CONCURRENT_CHANGE");
        assertThat(users.as("auditor", () -> cards.history(cardNo))).hasSize(3);
    }

    private static List<String> race(Callable<String> a, Callable<String> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> action : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return action.call();
                    } catch (ConflictException e) {
                        return "CONFLICT:" + e.code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
