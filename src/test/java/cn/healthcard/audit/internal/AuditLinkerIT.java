package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.audit.PersonalDataRead;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries written pending in the business transaction and linked after its commit (issue #10 defect 8, decision 008).
 */
@IntegrationTest
class AuditLinkerIT {

    @Autowired AuditChain chain;
    @Autowired AuditLog auditLog;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("SEC-03 an audited transaction does not wait for another one still open; each entry is linked after its commit, in commit order")
    void auditedTransactionsDoNotWaitForEachOther() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> users.run("clerk", () ->
                tx.executeWithoutResult(s -> {
                    events.publishEvent(new PersonalDataRead(first, "110105", "链接测试"));
                    written.countDown();
                    await(release);
                })));
        assertThat(written.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> users.run("clerk", () ->
                tx.executeWithoutResult(s -> events.publishEvent(new PersonalDataRead(second, "110105", "链接测试")))));
        other.get(5, TimeUnit.SECONDS); // before V19 it waited for the chain head until the first one committed
        Long secondSeq = seq(second);
        assertThat(secondSeq).as("linked once committed").isNotNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_id = ?", Long.class, first))
                .as("not committed yet: invisible").isZero();

        release.countDown();
        open.get(20, TimeUnit.SECONDS);
        Long firstSeq = seq(first);
        assertThat(firstSeq).as("linked once committed").isNotNull();
        assertThat(firstSeq).as("chain order is commit order, though its id is smaller").isGreaterThan(secondSeq);
        assertThat(id(first)).isLessThan(id(second));
        assertThat(users.as("auditor", auditLog::verifyChain).intact()).isTrue();
    }

    @Test
    @DisplayName("SEC-03 an entry committed but not linked (linker stopped or node crashed after the commit) is pending, counted, and linked by the next round; linking again changes nothing")
    void pendingEntriesAreLinkedByTheNextRound() throws Exception {
        String subject = "LinkerIT-" + UUID.randomUUID().toString().substring(0, 8);
        HeadLock lock = HeadLock.take(transactions, jdbc); // no round can link meanwhile
        // as AuditRecorder writes it, but without the after-commit link (as if the node died right after the commit)
        tx.executeWithoutResult(s -> chain.append(new AuditEventEntity(Instant.now(), "LinkerTested", "system", null,
                "110105", "LinkerIT", subject, "API", "pending")));
        assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE subject_id = ?", Long.class, subject))
                .isNull();
        assertThat(users.as("auditor", auditLog::pendingEntries)).isPositive();
        lock.release();

        auditLog.awaitLinked();
        Long seq = jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE subject_id = ?", Long.class, subject);
        assertThat(seq).isNotNull();
        String hash = jdbc.queryForObject("SELECT hash FROM audit_event WHERE subject_id = ?", String.class, subject);
        tx.execute(s -> chain.linkPending());
        assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE subject_id = ?", Long.class, subject))
                .isEqualTo(seq);
        assertThat(jdbc.queryForObject("SELECT hash FROM audit_event WHERE subject_id = ?", String.class, subject))
                .isEqualTo(hash);
        AuditLog.ChainVerification verification = users.as("auditor", auditLog::verifyChain);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isGreaterThanOrEqualTo(seq);
    }

    private Long seq(String subjectId) {
        return jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE subject_id = ?", Long.class, subjectId);
    }

    private Long id(String subjectId) {
        return jdbc.queryForObject("SELECT id FROM audit_event WHERE subject_id = ?", Long.class, subjectId);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(9, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The chain head locked by a transaction on another thread until {@link #release()}. */
    private record HeadLock(CountDownLatch latch, CompletableFuture<Void> holder) {

        static HeadLock take(PlatformTransactionManager transactions, JdbcTemplate jdbc) throws Exception {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                    .executeWithoutResult(t -> {
                        jdbc.queryForMap("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                        locked.countDown();
                        AuditLinkerIT.await(release); // below the test database's LOCK_TIMEOUT
                    }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            return new HeadLock(release, holder);
        }

        void release() throws Exception {
            latch.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
