package cn.healthcard.floor;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEvents.HandoverDiscrepancy;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.Handover;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiver's blind count against the hand-over form (PER-07). The confirmation still needs the same counts (400
 * naming the first that differs, never the sender's number); a mismatch is recorded as a discrepancy — audited
 * ({@link HandoverDiscrepancy}) and written to the production log with both sides' counts — in a transaction of its
 * own after the refused confirmation rolled back (the refusal's transaction holds the batch row, which the log
 * references).
 */
@Component
class HandoverDiscrepancies {

    private final FloorStock stock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;

    HandoverDiscrepancies(FloorStock stock, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.stock = stock;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** 400 naming the first count of {@code counted} that differs from {@code handed}; the mismatch is recorded. */
    void check(Batch b, Handover handed, HandoverForm counted, String receiver) {
        String field = FloorChecks.differingCount(counted, handed);
        if (field == null) {
            return;
        }
        HandoverDiscrepancy recorded = new HandoverDiscrepancy(b.batchNo(), b.regionCode(), handed.step().name(),
                handed.handedBy(), receiver, field, handed.countIn(), handed.good(), handed.damaged(), handed.rework(),
                counted.countIn(), counted.good(), counted.damaged(), counted.rework());
        // after completion in the same thread: the receiver is still the current user (the log's recorded_by)
        Runnable record = () -> ownTransaction.executeWithoutResult(t -> {
                    events.publishEvent(recorded);
                    stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "HANDOVER", handed.step().nameZh()
                            + " 工序交接差异：" + handed.handedBy() + " 交出 " + handed.countIn() + " = " + handed.good()
                            + " + " + handed.damaged() + " + " + handed.rework() + "，" + receiver + " 清点 "
                            + counted.countIn() + " = " + counted.good() + " + " + counted.damaged() + " + "
                            + counted.rework() + "（未确认，待复核或撤回）");
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
        throw new DomainValidationException(field, "接收人清点的「" + FloorChecks.label(field) + "」与交接单不一致，"
                + "已记录交接差异：请双方复核，或由交出人撤回后重新交接");
    }
}
