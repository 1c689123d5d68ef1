package cn.healthcard.audit.internal;

import cn.healthcard.crypto.CryptoPort;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The walk of {@link AuditChain#walk()} over entries served by mocked repositories, for the cases the database tests
 * cannot stage: entries appended while the walk runs, and entries after the chain head.
 */
class AuditChainTest {

    private final AuditEventRepository events = mock(AuditEventRepository.class);
    private final AuditChainHeadRepository heads = mock(AuditChainHeadRepository.class);
    private final CryptoPort sm3 = mock(CryptoPort.class);
    private AuditChain chain;

    @BeforeEach
    void setUp() {
        when(sm3.sm3(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
            byte[] data = call.getArgument(0);
            var digest = new SM3Digest();
            digest.update(data, 0, data.length);
            byte[] out = new byte[32];
            digest.doFinal(out, 0);
            return out;
        });
        chain = new AuditChain(events, heads, mock(AuditOutboxRepository.class), sm3, null,
                mock(PlatformTransactionManager.class));
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(anyLong())).thenReturn(List.of());
    }

    @Test
    @DisplayName("SEC-03: entries appended while the verification walks the log are checked too, not reported as a break")
    void entriesAppendedDuringTheWalk() {
        List<AuditEventEntity> log = entries(3);
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(0)).thenReturn(log.subList(0, 2));
        // the third entry commits after the walk read its last (empty) page, before it reads the head
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(2)).thenReturn(List.of(), List.of(log.get(2)));
        when(heads.read()).thenReturn(head(log.get(2)));

        AuditChain.Walk walk = chain.walk();

        assertThat(walk.firstBroken()).isNull();
        assertThat(walk.checked()).isEqualTo(3);
    }

    @Test
    @DisplayName("SEC-03: entries after the chain head (not appended through the chain) break it at the first of them")
    void entriesAfterTheHead() {
        List<AuditEventEntity> log = entries(3);
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(0)).thenReturn(log);
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(2)).thenReturn(log.subList(2, 3));
        when(heads.read()).thenReturn(head(log.get(1)));

        assertThat(chain.walk().firstBroken()).isEqualTo(3);
    }

    @Test
    @DisplayName("SEC-03: an intact log, an empty log, and a head that points past the last entry (entries cut off)")
    void intactEmptyAndCutOff() {
        List<AuditEventEntity> log = entries(2);
        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(0)).thenReturn(log);
        when(heads.read()).thenReturn(head(log.get(1)));
        assertThat(chain.walk()).isEqualTo(new AuditChain.Walk(null, 2));

        var cutOff = new AuditChainHead();
        cutOff.advance(5, "f".repeat(64));
        when(heads.read()).thenReturn(cutOff);
        assertThat(chain.walk()).isEqualTo(new AuditChain.Walk(2L, 2));

        when(events.findTop1000ByChainSeqGreaterThanOrderByChainSeqAsc(0)).thenReturn(List.of());
        when(heads.read()).thenReturn(new AuditChainHead());
        assertThat(chain.walk()).isEqualTo(new AuditChain.Walk(null, 0));
    }

    private List<AuditEventEntity> entries(int count) {
        List<AuditEventEntity> log = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int id = 1; id <= count; id++) {
            var e = new AuditEventEntity(Instant.parse("2026-11-22T04:00:00Z").plusSeconds(id), "PersonalDataRead",
                    "clerk", "BJ-110105", "110105", "Resident", "r" + id, "UI", "test");
            e.chain(id, prev, chain::hashOf);
            prev = e.hash();
            log.add(e);
        }
        return log;
    }

    private static AuditChainHead head(AuditEventEntity last) {
        var head = new AuditChainHead();
        head.advance(last.getId(), last.hash());
        return head;
    }
}
