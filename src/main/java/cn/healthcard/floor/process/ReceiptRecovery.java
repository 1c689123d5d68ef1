package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorCaseStarts;
import cn.healthcard.floor.FloorService;
import cn.healthcard.production.ProductionEvents.ProductionBatchReissued;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * A batch re-released by the centre (a new data file, {@code ProductionBatchReissued}) gets its receipt again: after the
 * re-release commits (and, lowest precedence, after the new file took its final name), the case's receiveBatchFile job
 * — failed and out of retries, or waiting for its next retry — gets its retries back and is due now; a case not started
 * yet (its file never arrived) is started. Decision 028.
 */
@Component
class ReceiptRecovery {

    static final int RETRIES = 5;
    private static final Logger log = LoggerFactory.getLogger(ReceiptRecovery.class);

    private final ManagementService management;
    private final RuntimeService runtime;
    private final FloorCaseStarts starts;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ReceiptRecovery(ManagementService management, RuntimeService runtime, FloorCaseStarts starts,
                    PlatformTransactionManager transactions, Clock clock) {
        this.management = management;
        this.runtime = runtime;
        this.starts = starts;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void on(ProductionBatchReissued reissued) {
        String batchNo = reissued.batchNo();
        Integer reset = ownTransaction.execute(t -> {
            List<Job> jobs = new java.util.ArrayList<>();
            for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionKey(FloorService.PROCESS_KEY)
                    .processInstanceBusinessKey(batchNo).list()) {
                jobs.addAll(management.createJobQuery().processInstanceId(pi.getId()).activityId("receiveBatchFile")
                        .list());
            }
            for (Job job : jobs) {
                management.setJobRetries(job.getId(), RETRIES);
                management.setJobDuedate(job.getId(), Date.from(clock.instant()));
            }
            return jobs.size();
        });
        if (reset != null && reset > 0) {
            log.info("batch {} re-released with {}: its receipt is tried again", batchNo, reissued.dataFileName());
        } else {
            SecurityContextUsers.runAsSystem(() -> starts.start(batchNo));
        }
    }
}
