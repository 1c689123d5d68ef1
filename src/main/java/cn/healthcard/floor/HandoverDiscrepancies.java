package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEvents.HandoverDiscrepancy;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.Handover;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiver's blind count against the hand-over form (PER-07). The confirmation still needs the same counts (400 on
 * {@code counts}, naming neither the field that differs nor the sender's number); a mismatch is recorded as a
 * discrepancy — audited with both sides' counts ({@link HandoverDiscrepancy}; makers cannot read the audit) and
 * written to the production log without any count — in a transaction of its own after the refused confirmation rolled
 * back (the refusal's transaction holds the batch row, which the log references). After {@value #MAX_TRIES} refused
 * confirmations the form is disputed and goes to the lead: every further confirmation is 409
 * {@code FLOOR_HANDOVER_DISPUTED} until the sender or the lead withdraws it, so the counts cannot be found by trial.
 */
@Component
class HandoverDiscrepancies {

    private final FloorStock stock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final JdbcClient jdbc;

    static final int MAX_TRIES = 3;

    HandoverDiscrepancies(FloorStock stock, ApplicationEventPublisher events, PlatformTransactionManager transactions,
                          JdbcClient jdbc) {
        this.stock = stock;
        this.jdbc = jdbc;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** 409 when the form is disputed already; else 400 on {@code counts} when {@code counted} differs from
     *  {@code handed}, the mismatch recorded. */
    void check(Batch b, Handover handed, HandoverForm counted, String receiver) {
        int tries = refusals(b.batchNo(), handed.id());
        if (tries >= MAX_TRIES) {
            throw new ConflictException("FLOOR_HANDOVER_DISPUTED", "counts", "交接单已 " + tries
                    + " 次清点不一致，已交由生产组长复核：须由交出人或组长撤回后重新交接");
        }
        String field = FloorChecks.differingCount(counted, handed);
        if (field == null) {
            return;
        }
        HandoverDiscrepancy recorded = new HandoverDiscrepancy(b.batchNo(), b.regionCode(), handed.step().name(),
                handed.handedBy(), receiver, field, handed.countIn(), handed.good(), handed.damaged(), handed.rework(),
                counted.countIn(), counted.good(), counted.damaged(), counted.rework());
        int n = tries + 1;
        // no count and no field in the log: every production person of the maker reads it, the receiver included
        String entry = handed.step().nameZh() + " 工序交接差异：" + handed.handedBy() + " → " + receiver
                + "，接收人清点与交接单不一致（第 " + n + " 次" + (n >= MAX_TRIES ? "，已交由生产组长复核" : "")
                + "；" + FORM + handed.id() + "）";
        // after completion in the same thread: the receiver is still the current user (the log's recorded_by)
        Runnable record = () -> ownTransaction.executeWithoutResult(t -> {
                    events.publishEvent(recorded);
                    stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "HANDOVER", entry);
                });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    record.run();
                }
            });
        } else {
            record.run();
        }
        throw new DomainValidationException("counts", "接收人清点的数量与交接单不一致，已记录交接差异"
                + (n >= MAX_TRIES ? "，交接单已交由生产组长复核" : "（多次不一致后交由生产组长复核）")
                + "：请双方复核，或由交出人撤回后重新交接");
    }

    private static final String FORM = "交接单 ";

    /** The refused confirmations recorded for this form (its discrepancy log entries name its id). */
    private int refusals(String batchNo, String handoverId) {
        return jdbc.sql("SELECT COUNT(*) FROM floor_log WHERE batch_no = ? AND entry_kind = 'HANDOVER'"
                        + " AND work_state LIKE ?")
                .params(batchNo, "%工序交接差异%" + FORM + handoverId + "%").query(Integer.class).single();
    }
}
