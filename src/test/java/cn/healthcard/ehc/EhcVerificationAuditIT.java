package cn.healthcard.ehc;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.audit.internal.AuditBatchWriter;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifications go through the audit log's batch writer (decision 016) and still all end in the hash chain. */
@IntegrationTest
class EhcVerificationAuditIT {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 250;

    @Autowired EhcVerificationService verifications;
    @Autowired EhcAccountService accounts;
    @Autowired TerminalService terminals;
    @Autowired InstitutionService institutions;
    @Autowired EhcIdAlgorithm ehcIds;
    @Autowired AuditBatchWriter auditBatches;
    @Autowired AuditLog auditLog;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("EHC-05 SEC-03 every verification is in the audit chain after a burst from 8 threads, and the chain verifies intact")
    void burstFromEightThreads() throws Exception {
        String terminal = EhcTestSupport.terminal(terminals, institutions, users, "IT-BURST-01");
        EhcAccountView account = users.as("platform", () -> accounts.register(new EhcRegistration(new DocumentRef("01",
                TestResidents.newResident("并发").documentNumber()), "并发", null, null, null, EhcChannel.APP,
                "APP-BURST"))).account();
        String dynamic = account.ehcId() + ":0:" + ehcIds.encryptValidity(account.regionCode(),
                account.masterIndexId(), LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> verified = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                verified.add(pool.submit(() -> users.as("platform", () -> {
                    long ok = 0;
                    for (int i = 0; i < PER_THREAD; i++) {
                        String code = i % 2 == 0 ? dynamic : account.ehcId() + ":1";
                        ok += verifications.verify(new VerificationRequest(code, terminal, null)).verified() ? 1 : 0;
                    }
                    return ok;
                })));
            }
            for (Future<Long> f : verified) {
                assertThat(f.get()).isEqualTo(PER_THREAD);
            }
        } finally {
            pool.shutdown();
        }

        auditBatches.flush();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'EhcVerified' and "
                + "subject_id = ? and detail like 'VERIFIED 主索引 %'", Long.class, terminal))
                .isEqualTo(THREADS * PER_THREAD);
        assertThat(jdbc.queryForObject("select count(*) from audit_event e join audit_outbox o on o.event_id = e.id "
                + "where e.event_type = 'EhcVerified' and e.subject_id = ?", Long.class, terminal))
                .isEqualTo(THREADS * PER_THREAD);
        AuditLog.ChainVerification chain = users.as("auditor", () -> auditLog.verifyChain());
        assertThat(chain.intact()).isTrue();
        assertThat(chain.firstBrokenId()).isNull();
    }
}
