package cn.healthcard.samsupply;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.sam.SamCardsMade;
import cn.healthcard.samsupply.SamSupplyEvents.SamOrderAnswered;
import cn.healthcard.samsupply.internal.SamApplication;
import cn.healthcard.samsupply.internal.SamApplicationRepository;
import cn.healthcard.samsupply.internal.SamMakerAnswerRecord;
import cn.healthcard.samsupply.internal.SamMakerAnswerRepository;
import cn.healthcard.samsupply.internal.SamOrder;
import cn.healthcard.samsupply.internal.SamOrderRepository;
import cn.healthcard.samsupply.internal.SamPlan;
import cn.healthcard.samsupply.internal.SamPlanRepository;
import cn.healthcard.workflow.ProcessGateway;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records a SAM maker's answer (decision 031): kept as received first (one row per order — a replayed answer finds it
 * and changes nothing, so a retried job never makes a second set), then applied in the same transaction: the order
 * and its application are made, {@link SamCardsMade} is published for the SAM register, and the SAMs become stock at
 * the maker in a shipment to the reporting province's centre. A malformed answer (unknown order, another maker,
 * numbers not {@code [0-9A-Z]{8,32}} or repeated, counts not adding up to the order) is refused loudly, nothing kept.
 */
@Service
public class SamMakerAnswers {

    public static final Pattern SAM_NUMBER = Pattern.compile("[0-9A-Z]{8,32}");

    private final SamOrderRepository orders;
    private final SamPlanRepository plans;
    private final SamApplicationRepository applications;
    private final SamMakerAnswerRepository answers;
    private final ShipmentService shipments;
    private final ProcessGateway processes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamMakerAnswers(SamOrderRepository orders, SamPlanRepository plans, SamApplicationRepository applications,
                    SamMakerAnswerRepository answers, ShipmentService shipments, ProcessGateway processes,
                    ApplicationEventPublisher events, Clock clock) {
        this.orders = orders;
        this.plans = plans;
        this.applications = applications;
        this.answers = answers;
        this.shipments = shipments;
        this.processes = processes;
        this.events = events;
        this.clock = clock;
    }

    /** Records and applies the answer; false when this order's answer was recorded before (a replay). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean record(SamProductionPort.Answer answer) {
        if (answers.existsById(answer.orderNo())) {
            return false;
        }
        SamOrder order = orders.findById(answer.orderNo())
                .orElseThrow(() -> new NotFoundException("SAM卡订单不存在: " + answer.orderNo()));
        check(order, answer);
        answers.saveAndFlush(new SamMakerAnswerRecord(order.orderNo(), answer.batchNo(), answer.makerCode(),
                answer.samNumbers().size(), answer.failed(), String.join(",", answer.samNumbers()),
                clock.instant()));
        SamPlan plan = plans.findById(order.planNo()).orElseThrow();
        SamApplication application = applications.findByApplicationNo(order.applicationNo()).orElseThrow();
        String shipmentNo = null;
        if (!answer.samNumbers().isEmpty()) {
            events.publishEvent(new SamCardsMade(answer.batchNo(), order.makerCode(), plan.orderingCentreCode(),
                    answer.samNumbers()));
            shipmentNo = shipments.samsMade(answer.batchNo(), order.makerCode(), order.receiverCode(),
                    order.institutionCode(), answer.samNumbers());
        }
        order.made(answer.batchNo(), answer.samNumbers().size(), answer.failed(), shipmentNo, clock.instant());
        application.made(answer.samNumbers().size(), answer.failed(), clock.instant());
        if (orders.findByPlanNoOrderByOrderNo(plan.planNo()).stream()
                .allMatch(o -> o.status() == SamOrderStatus.MADE)) {
            plan.status("MADE");
        }
        events.publishEvent(new SamOrderAnswered(order.orderNo(), order.regionCode(), order.applicationNo(),
                answer.batchNo(), answer.samNumbers().size(), answer.failed(), shipmentNo));
        processes.correlate(SamApplicationService.MADE_MESSAGE, order.applicationNo(), Map.of(
                "batchNo", answer.batchNo(), "madeCount", answer.samNumbers().size()));
        return true;
    }

    private static void check(SamOrder order, SamProductionPort.Answer answer) {
        if (!order.makerCode().equals(answer.makerCode())) {
            throw new IllegalArgumentException("answer to " + order.orderNo() + " from " + answer.makerCode()
                    + ", ordered from " + order.makerCode());
        }
        if (answer.batchNo() == null || !SAM_NUMBER.matcher(answer.batchNo()).matches()) {
            throw new IllegalArgumentException("answer to " + order.orderNo() + ": malformed batch number");
        }
        List<String> numbers = answer.samNumbers();
        if (answer.failed() < 0 || numbers.size() + answer.failed() != order.quantity()) {
            throw new IllegalArgumentException("answer to " + order.orderNo() + ": " + numbers.size() + " made + "
                    + answer.failed() + " failed != " + order.quantity() + " ordered");
        }
        if (numbers.stream().anyMatch(n -> n == null || !SAM_NUMBER.matcher(n).matches())
                || new HashSet<>(numbers).size() != numbers.size()) {
            throw new IllegalArgumentException("answer to " + order.orderNo() + ": malformed or repeated SAM number");
        }
    }
}
