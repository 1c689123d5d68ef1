package cn.healthcard.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.card.CardUseService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.ehc.EhcVerificationService;
import cn.healthcard.ehc.RefusalReason;
import cn.healthcard.ehc.Scene;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.VerificationRequest;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * On PostgreSQL: a frozen SAM's terminal is refused for card use and e-card verification and accepted again once
 * unfrozen; a freeze and a binding change on the same SAM at the same moment (two threads) give exactly one winner.
 */
@PostgresIntegrationTest
class PostgresSamIT {

    @Autowired SamRegister register;
    @Autowired SamBindingService bindings;
    @Autowired SamCaseService cases;
    @Autowired EhcVerificationService verifications;
    @Autowired CardUseService uses;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TerminalService terminals;
    @Autowired TestUsers users;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;

    private SamCardView bind(String sam, String[] hospital) {
        long version = users.as("csclerk", () -> register.get(sam)).version();
        return users.as("csclerk", () -> bindings.bind(sam, new SamBindingService.Binding(hospital[0],
                TerminalType.COUNTER_READER, hospital[1]), version));
    }

    private RefusalReason verify(String terminal) {
        return users.as("csclerk", () -> verifications.verify(new VerificationRequest("NOT-A-CODE", terminal,
                Scene.REGISTRATION))).reason();
    }

    @Test
    @DisplayName("SAM-04 BL-01 (PostgreSQL) freeze → card use and verification refused SAM_FROZEN, unbinding refused; unfreeze → accepted again")
    void freezeAndUnfreeze() {
        SamFixtures f = new SamFixtures(institutions, userAdministration, terminals, users, events, tx);
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bind(sam, hospital);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        var c = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.SUSPECTED_MISUSE, "疑似违规", false)));
        users.as("cssuper", () -> cases.reviewCase(c.caseNo(), Review.approve()));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        long frozen = users.as("csclerk", () -> register.get(sam)).version();
        assertThatThrownBy(() -> users.as("csclerk", () -> bindings.unbind(sam, "撤机", frozen)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_FROZEN"));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        assertThatThrownBy(() -> users.as("csclerk", () -> uses.recordUse("9999999999", new CardUseService.UseReport(
                hospital[0], hospital[1], Instant.now(), "REGISTRATION"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_FROZEN"));
        var u = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.UNFREEZE, null, "核实",
                false)));
        users.as("cssuper", () -> cases.reviewCase(u.caseNo(), Review.approve()));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
    }

    @Test
    @DisplayName("SAM-02 SAM-04 (PostgreSQL) a freeze request and an unbinding on the same SAM, two threads: no lost update (a request that went through is approved, or refused SAM_CHANGED when the card changed under it); an urgent freeze and a rebinding: exactly one wins")
    void raceHasOneWinner() throws Exception {
        SamFixtures f = new SamFixtures(institutions, userAdministration, terminals, users, events, tx);
        String[] hospital = f.hospitalWithTerminal("430102");
        String[] other = f.hospitalWithTerminal("430102");
        for (int round = 0; round < 3; round++) {
            // a (non-urgent) freeze request against unbinding, the unbinding from the version the clerk saw: at most
            // the loser's codes; a request that went through is either approved on the card it saw or, when the
            // unbinding also went through, refused on approval with SAM_CHANGED — no change is lost
            String sam = f.samsAt(f.changsha, 1).get(0);
            String[] h = f.hospitalWithTerminal("430102");
            SamCardView bound = bind(sam, h);
            List<Object> outcomes = race(
                    () -> users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                            FreezeReason.SUSPECTED_MISUSE, "疑似违规", false))),
                    () -> users.as("csclerk2", () -> bindings.unbind(sam, "撤机", bound.version())));
            assertThat(outcomes.stream().filter(o -> !(o instanceof ConflictException)).count()).isGreaterThanOrEqualTo(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ConflictException)
                    .allSatisfy(o -> assertThat(((ConflictException) o).code())
                            .isIn("SAM_CHANGED", "STALE_VERSION", "SAM_CASE_OPEN"));
            if (outcomes.get(0) instanceof SamCaseView requested) {
                try {
                    users.as("cssuper", () -> cases.reviewCase(requested.caseNo(), Review.approve()));
                    assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.FROZEN);
                } catch (ConflictException e) {
                    // both went through: the approval sees the card changed under the request and refuses it
                    assertThat(e.code()).isEqualTo("SAM_CHANGED");
                    assertThat(outcomes.get(1)).isNotInstanceOf(ConflictException.class);
                    assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.IN_STOCK);
                }
            }

            // urgent freeze request against rebinding, both from the same version
            String sam2 = f.samsAt(f.changsha, 1).get(0);
            String[] h2 = f.hospitalWithTerminal("430102");
            SamCardView b2 = bind(sam2, h2);
            List<Object> second = race(
                    () -> users.as("csclerk", () -> cases.request(new SamChangeRequest(sam2, SamAction.FREEZE,
                            FreezeReason.LOST, "丢失", true))),
                    () -> users.as("csclerk2", () -> bindings.rebind(sam2, new SamBindingService.Binding(other[0],
                            TerminalType.SELF_SERVICE, other[1]), "换机", b2.version())));
            assertThat(second.stream().filter(o -> !(o instanceof ConflictException)).count()).isEqualTo(1);
            if (!(second.get(1) instanceof ConflictException)) {
                users.as("csclerk", () -> bindings.unbind(sam2, "归还终端", users.as("csclerk",
                        () -> register.get(sam2)).version()));
            }
        }
    }

    /** Runs both at the same moment; each outcome is the result or the exception thrown. */
    private static List<Object> race(Callable<?> a, Callable<?> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<?> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (ConflictException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
