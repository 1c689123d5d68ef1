package cn.healthcard.ehc;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-card module on a real PostgreSQL server: the V9 schema, keyset paging, counters and statistics. */
@PostgresIntegrationTest
class PostgresEhcIT {

    @Autowired EhcAccountService accounts;
    @Autowired EhcBulkService bulk;
    @Autowired EhcVerificationService verifications;
    @Autowired TerminalService terminals;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("EHC-03 EHC-05 SUP-03 on PostgreSQL: registration, the bulk job, the e-card frozen with its card, verification and counts per terminal")
    void onPostgres() {
        var fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String inst = fixtures.institution("IT-110105-EHC", "北京市朝阳区电子健康卡测试服务点", "110105");
        String cardNo = fixtures.card("110105", inst, "库测甲", CardStatus.ACTIVE);
        String terminal = EhcTestSupport.terminal(terminals, institutions, users, "PG-EHC-01");

        String registered = users.as("platform", () -> accounts.register(new EhcRegistration(new DocumentRef("01",
                TestResidents.newResident("库测乙").documentNumber()), "库测乙", null, null, null, EhcChannel.APP,
                "APP-PG"))).account().ehcId();

        long runId = users.as("admin", () -> bulk.start()).id();
        BulkRunView run = Eventually.await("bulk run", Duration.ofSeconds(60), () -> users.as("admin",
                () -> bulk.get(runId)), r -> r.state() != BulkRunView.State.RUNNING);
        assertThat(run.state()).isEqualTo(BulkRunView.State.COMPLETED);
        EhcAccountView bulkAccount = users.as("clerk", () -> accounts.findByCard(cardNo)).orElseThrow();
        assertThat(bulkAccount.origin()).isEqualTo(EhcOrigin.BULK);

        VerificationResult ok = users.as("platform", () -> verifications.verify(new VerificationRequest(
                registered + ":1", terminal, Scene.CONSULTATION)));
        assertThat(ok.verified()).isTrue();
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, CardAction.REPORT_LOSS,
                CardChange.because("测试")));
        assertThat(users.as("platform", () -> verifications.verify(new VerificationRequest(
                bulkAccount.ehcId() + ":1", terminal, null))).reason()).isEqualTo(RefusalReason.FROZEN);
        assertThat(users.as("platform", () -> verifications.verify(new VerificationRequest("x", terminal, null)))
                .reason()).isEqualTo(RefusalReason.MALFORMED);

        VerificationStats stats = users.as("supervisor", () -> verifications.stats(null, null, null, terminal));
        assertThat(stats.rows()).hasSize(1);
        assertThat(stats.rows().get(0).byOutcome()).containsEntry("VERIFIED", 1L).containsEntry("FROZEN", 1L)
                .containsEntry("MALFORMED", 1L);
        users.as("platform", () -> verifications.verify(new VerificationRequest(registered + ":1", terminal, null)));
        assertThat(users.as("supervisor", () -> verifications.stats(null, null, null, terminal)).rows().get(0)
                .verified()).isEqualTo(2);
    }

    @Test
    @DisplayName("EHC-04 EHC-05 SEC-02 on PostgreSQL (V12): a SETTLEMENT code is accepted once, also when verified inside another transaction (as the gateway does) — the duplicate key of the used-code row does not abort that transaction")
    void settlementOnceOnPostgres() {
        String terminal = EhcTestSupport.terminal(terminals, institutions, users, "PG-EHC-02");
        EhcAccountView account = users.as("platform", () -> accounts.register(new EhcRegistration(new DocumentRef(
                "01", TestResidents.newResident("库测丙").documentNumber()), "库测丙", null, null, null,
                EhcChannel.APP, "APP-PG"))).account();
        String code = users.as("platform", () -> accounts.dynamicQr(account.ehcId())).text();
        VerificationRequest settlement = new VerificationRequest(code, terminal, Scene.SETTLEMENT);

        assertThat(users.as("platform", () -> verifications.verify(settlement)).verified()).isTrue();
        var outer = new org.springframework.transaction.support.TransactionTemplate(transactions);
        Long after = users.as("platform", () -> outer.execute(status -> {
            assertThat(verifications.verify(settlement).reason()).isEqualTo(RefusalReason.CODE_ALREADY_USED);
            // the caller's transaction is still usable after the refused insert
            return jdbc.queryForObject("select count(*) from ehc_used_code where master_index_id = ?", Long.class,
                    account.masterIndexId());
        }));
        assertThat(after).isEqualTo(1);
        assertThat(users.as("platform", () -> verifications.verify(new VerificationRequest(code, terminal,
                Scene.RECORD_QUERY))).verified()).isTrue();
    }
}
