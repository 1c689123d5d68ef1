package cn.healthcard.samsupply;

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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records a SAM maker's answer (decision 031) in two steps. {@link #keep} checks it and stores it as received, in a
 * transaction of its own (one row per order — a replayed answer finds it and changes nothing, so a retried job never
 * makes a second set; a malformed answer — unknown order, another maker, numbers not {@code [0-9A-Z]{8,32}} with at
 * least one letter, or repeated, counts not adding up to the order — is refused loudly with {@link AnswerRefused},
 * nothing kept). {@link #apply} then applies the stored row: the SAMs become stock at the maker in a shipment to the
 * reporting province's centre, {@link SamCardsMade} is published for the SAM register, the order and its application
 * are made. When applying fails, the stored answer stays and the retry applies it without asking the maker again.
 */
@Service
public class SamMakerAnswers {

    /** A SAM number: 8…32 of {@code [0-9A-Z]} with at least one letter, so it never equals a (digit-only) card number. */
    public static final Pattern SAM_NUMBER = Pattern.compile("(?=[0-9A-Z]*[A-Z])[0-9A-Z]{8,32}");

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

    /** Whether an answer to the order is stored already (then it is applied, the maker is not asked again). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean kept(String orderNo) {
        return answers.existsById(orderNo);
    }

    /**
     * Checks the answer and stores it as received, committed on its own; false when an answer to this order was
     * stored before (a replay; a primary-key clash with another sender's row a moment ago is a
     * {@code DataIntegrityViolationException} its caller treats as a replay too).
     *
     * @throws AnswerRefused when the answer is malformed (nothing stored)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean keep(SamProductionPort.Answer answer) {
        if (answers.existsById(answer.orderNo())) {
            return false;
        }
        SamOrder order = orders.findById(answer.orderNo())
                .orElseThrow(() -> new AnswerRefused("answer to an unknown SAM order " + answer.orderNo()));
        check(order, answer);
        answers.saveAndFlush(new SamMakerAnswerRecord(order.orderNo(), answer.batchNo(), answer.makerCode(),
                answer.samNumbers().size(), answer.failed(), String.join(",", answer.samNumbers()),
                clock.instant()));
        return true;
    }

    /** Applies the stored answer to its order; false when the order is made or failed already (or has no stored
     * answer). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean apply(String orderNo) {
        SamMakerAnswerRecord answer = answers.findById(orderNo).orElse(null);
        SamOrder order = orders.findById(orderNo).orElse(null);
        if (answer == null || order == null || order.status() == SamOrderStatus.MADE
                || order.status() == SamOrderStatus.FAILED) {
            return false;
        }
        List<String> samNumbers = answer.samNumberList();
        SamPlan plan = plans.findById(order.planNo()).orElseThrow();
        SamApplication application = applications.findByApplicationNo(order.applicationNo()).orElseThrow();
        String shipmentNo = null;
        if (!samNumbers.isEmpty()) {
            shipmentNo = shipments.samsMade(order.orderNo(), answer.batchNo(), order.makerCode(),
                    order.receiverCode(), order.institutionCode(), samNumbers);
            events.publishEvent(new SamCardsMade(answer.batchNo(), order.makerCode(), plan.orderingCentreCode(),
                    samNumbers));
        }
        order.made(answer.batchNo(), samNumbers.size(), answer.failedCount(), shipmentNo, clock.instant());
        application.made(samNumbers.size(), answer.failedCount(), clock.instant());
        if (orders.findByPlanNoOrderByOrderNo(plan.planNo()).stream()
                .allMatch(o -> o.status() == SamOrderStatus.MADE)) {
            plan.status("MADE");
        }
        events.publishEvent(new SamOrderAnswered(order.orderNo(), order.regionCode(), order.applicationNo(),
                answer.batchNo(), samNumbers.size(), answer.failedCount(), shipmentNo));
        processes.correlate(SamApplicationService.MADE_MESSAGE, order.applicationNo(), Map.of(
                "batchNo", answer.batchNo(), "madeCount", samNumbers.size()));
        return true;
    }

    /** A maker's answer that does not fit its order: refused, never retried (the order fails). */
    public static class AnswerRefused extends IllegalArgumentException {
        public AnswerRefused(String message) {
            super(message);
        }
    }

    private static void check(SamOrder order, SamProductionPort.Answer answer) {
        if (!order.makerCode().equals(answer.makerCode())) {
            throw new AnswerRefused("answer to " + order.orderNo() + " from " + answer.makerCode()
                    + ", ordered from " + order.makerCode());
        }
        if (answer.batchNo() == null || !SAM_NUMBER.matcher(answer.batchNo()).matches()) {
            throw new AnswerRefused("answer to " + order.orderNo() + ": malformed batch number");
        }
        List<String> numbers = answer.samNumbers();
        if (answer.failed() < 0 || numbers.size() + answer.failed() != order.quantity()) {
            throw new AnswerRefused("answer to " + order.orderNo() + ": " + numbers.size() + " made + "
                    + answer.failed() + " failed != " + order.quantity() + " ordered");
        }
        if (numbers.stream().anyMatch(n -> n == null || !SAM_NUMBER.matcher(n).matches())
                || new HashSet<>(numbers).size() != numbers.size()) {
            throw new AnswerRefused("answer to " + order.orderNo() + ": malformed or repeated SAM number");
        }
    }
}
