package cn.healthcard.floor;

import cn.healthcard.floor.FloorEvents.BatchProductionOverdue;
import cn.healthcard.floor.FloorEvents.BatchStuckEscalated;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.workflow.TaskInboxService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The floor case's timers (decision 028, BPM-01): a user step stuck longer than {@code healthcard.floor.stuck-after}
 * goes to the maker's lead; the wait for the line's answer longer than {@code healthcard.floor.production-deadline}
 * is audited and logged for the lead (its delegate raises the incident). Called by the process delegates as SYSTEM.
 */
@Service
public class FloorEscalations {

    private final FloorRecords records;
    private final FloorStaff staff;
    private final FloorStock stock;
    private final TaskInboxService inbox;
    private final ApplicationEventPublisher events;

    FloorEscalations(FloorRecords records, FloorStaff staff, FloorStock stock, TaskInboxService inbox,
                     ApplicationEventPublisher events) {
        this.records = records;
        this.staff = staff;
        this.stock = stock;
        this.inbox = inbox;
        this.events = events;
    }

    /**
     * A user step open longer than {@code healthcard.floor.stuck-after}: raised and to the maker's lead, audited; only
     * raised when the lead is the step's first actor (first confirmation or count, the scrap record), barred from it.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void escalateStuck(String batchNo, String processInstanceId, String step) {
        Batch b = records.require(batchNo);
        String lead = staff.leadOf(b.makerCode()).orElse(null);
        boolean barred = lead != null && lead.equals(records.firstActor(b, step));
        // a hand-over waiting for its receiver stays with the receiver (only the receiver can confirm it)
        String receiver = !FloorService.HANDOVER_TASK.equals(step) ? null : records.handovers(batchNo).stream()
                .filter(h -> !h.confirmed()).map(FloorViews.Handover::receivedBy).findFirst().orElse(null);
        String to = receiver != null ? receiver : barred ? null : lead;
        inbox.escalate(processInstanceId, step, to, 90);
        events.publishEvent(new BatchStuckEscalated(batchNo, b.regionCode(), step, to));
        stock.log(b.makerCode(), b.regionCode(), batchNo, "ESCALATED", "环节 " + step + " 超时，" + (receiver != null
                ? "已提高优先级，仍由接收人 " + receiver + " 确认" : lead == null
                ? "已提高优先级（未指定组长）" : barred ? "已提高优先级（组长 " + lead + " 已参与此环节，须由他人办理）"
                : "已升级至组长 " + lead));
    }

    /**
     * The line's answer did not come within {@code healthcard.floor.production-deadline}: audited and logged for the
     * maker's lead (the caller raises the incident on the waiting execution); the wait goes on. The lead, or null.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public String productionOverdue(String batchNo, String due) {
        Batch b = records.require(batchNo);
        String lead = staff.leadOf(b.makerCode()).orElse(null);
        events.publishEvent(new BatchProductionOverdue(batchNo, b.regionCode(), due, lead));
        stock.log(b.makerCode(), b.regionCode(), batchNo, "ESCALATED", "生产超期：" + due + " 内未收到生产结果，"
                + (lead == null ? "已登记流程事故（未指定组长）" : "已登记流程事故并告知组长 " + lead));
        return lead;
    }
}
