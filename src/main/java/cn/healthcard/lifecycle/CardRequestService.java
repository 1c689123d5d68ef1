package cn.healthcard.lifecycle;

import cn.healthcard.logistics.StockService;
import cn.healthcard.audit.AuditChannel;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardView;
import cn.healthcard.card.TemporaryCardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestCompleted;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestRejected;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestResubmitted;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestReviewed;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestSubmitted;
import cn.healthcard.lifecycle.CardRequestEvents.CardRequestWithdrawn;
import cn.healthcard.lifecycle.internal.CardRequest;
import cn.healthcard.lifecycle.internal.CardRequestLockRepository;
import cn.healthcard.lifecycle.internal.CardRequestRepository;
import cn.healthcard.lifecycle.internal.RequestPrintout;
import cn.healthcard.lifecycle.internal.RequestRules;
import cn.healthcard.report.ReportService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Card lifecycle requests (LC-01…LC-08): loss report, unloss, unlock, replacement (with temporary card) and
 * cancellation. Each is a BPMN process: the clerk's form, a supervisor's review (approve / send back / reject), then
 * the card action through {@link CardService#transition}. Views, REST and the delegates all come through here.
 */
@Service
public class CardRequestService {

    public static final String REVIEW_TASK = "reviewCardRequest";
    public static final String REVISE_TASK = "reviseCardRequest";
    public static final String REPLACEMENT_PICKUP_TASK = "registerReplacementPickUp";
    public static final String REPLACEMENT_PRODUCED_MESSAGE = "ReplacementCardProduced";
    /** 409: the new card was voided in transit and its successor is not made yet. */
    public static final String REPLACEMENT_CARD_PENDING = "REPLACEMENT_CARD_PENDING";
    /** 业务编号: {@code RQ} + region + date + serial, e.g. {@code RQ11010520261122000123}. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("RQ", "card_request_no_seq", 6);

    private final CardRequestRepository requests;
    private final CardRequestLockRepository locks;
    private final CardService cards;
    private final TemporaryCardService temporaryCards;
    private final ResidentService residents;
    private final RequestRules rules;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration temporaryCardValidity;
    private final RequestPrintout printout;
    private final cn.healthcard.card.BlacklistService blacklist;
    private final ReportService reports;

    /** Pick-up only where the card was delivered (APP-10). */
    private final StockService stock;

    CardRequestService(CardRequestRepository requests, CardRequestLockRepository locks, CardService cards,
                       TemporaryCardService temporaryCards, ResidentService residents, RequestRules rules,
                       ProcessGateway processes, TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers,
                       ApplicationEventPublisher events, ObjectMapper json, Clock clock,
                       RequestPrintout printout, ReportService reports,
                       cn.healthcard.card.BlacklistService blacklist, StockService stock,
                       @Value("${healthcard.lifecycle.temporary-card-validity:P30D}") Duration temporaryCardValidity) {
        this.stock = stock;
        this.requests = requests;
        this.locks = locks;
        this.cards = cards;
        this.temporaryCards = temporaryCards;
        this.residents = residents;
        this.rules = rules;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.temporaryCardValidity = temporaryCardValidity;
        this.printout = printout;
        this.blacklist = blacklist;
        this.reports = reports;
    }

    // ---------------------------------------------------------------- the desk (and API clients)

    /**
     * Accepts a request and starts its process. Refused when the data is invalid or the identity document is not
     * the card holder's (400), the card's status does not allow it, or another request on the card is in flight
     * (409; enforced by the database, so two clerks at once cannot both succeed).
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public CardRequestView submit(RequestType type, CardRequestData data) {
        CurrentUser clerk = SecurityContextUsers.require();
        CardView card = checked(type, data);
        String id = numbers.next(NUMBER, clerk.region().value());
        if (locks.findById(card.cardNo()).isPresent()) {
            throw new ConflictException("REQUEST_IN_FLIGHT", "卡片 " + card.cardNo() + " 已有在办业务，请办结后再申请");
        }
        try {
            locks.insert(card.cardNo(), id, clock.instant());
            requests.flush();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("REQUEST_IN_FLIGHT", "卡片 " + card.cardNo() + " 刚由他人受理了其他业务，请刷新后核对");
        }
        CardRequest request = requests.save(new CardRequest(id, type, card.cardNo(), card.residentId(),
                card.regionCode(), clerk.institutionCode(), AuditChannel.current().name(),
                toJson(rules.withOldValues(type, data, card.residentId())),
                rules.fee(data), clerk.username(), clock.instant()));
        events.publishEvent(new CardRequestSubmitted(id, request.regionCode(), type, card.cardNo(),
                card.residentId()));
        ResidentSummary resident = residents.summary(card.residentId());
        Map<String, Object> variables = new HashMap<>();
        variables.put("requestId", id);
        variables.put("cardNo", card.cardNo());
        variables.put(TaskInboxService.REGION_CODE, request.regionCode());
        variables.put(TaskInboxService.APPLICANT_NAME, resident.nameMasked());
        variables.put(TaskInboxService.APPLICANT_KEYS, residents.searchKeys(resident.id()));
        variables.put("temporaryCardValidity", temporaryCardValidity.toString());
        request.processStarted(processes.start(type.processKey(), id, variables));
        return view(request);
    }

    /** The clerk corrects a sent-back request (same card). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public CardRequestView resubmit(String taskId, CardRequestData data) {
        CardRequest request = load(tasks.require(taskId, RequestType.processKeys(), REVISE_TASK).businessKey());
        if (!request.cardNo().equals(data.cardNo())) {
            throw new DomainValidationException("cardNo", "退回修改时不能更换「健康卡卡号」");
        }
        checked(request.type(), data);
        request.resubmitted(toJson(rules.withOldValues(request.type(), data, request.residentId())), rules.fee(data),
                clock.instant());
        events.publishEvent(new CardRequestResubmitted(request.id(), request.regionCode()));
        inbox.complete(taskId, Withdrawal.RESUBMITTED);
        return view(request);
    }

    /**
     * The clerk withdraws a sent-back request instead of correcting it (LC-08): the process ends, the card lock is
     * released (a new request on the card can be filed), the withdrawal is audited.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public CardRequestView withdraw(String taskId, Withdrawal withdrawal) {
        CardRequest request = load(tasks.require(taskId, RequestType.processKeys(), REVISE_TASK).businessKey());
        request.withdrawn(clock.instant());
        locks.release(request.cardNo(), request.id());
        events.publishEvent(new CardRequestWithdrawn(request.id(), request.regionCode(), request.cardNo(),
                withdrawal.reason()));
        inbox.complete(taskId, withdrawal.variables());
        return view(request);
    }

    /** {@link #withdraw(String, Withdrawal)} addressed by request number (the REST API). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public CardRequestView withdrawRequest(String requestId, Withdrawal withdrawal) {
        load(requestId);
        return withdraw(tasks.requireAt(requestId, RequestType.processKeys(), REVISE_TASK, "退回修改").taskId(),
                withdrawal);
    }

    /** The supervisor's review (LC-08): approve, send back with a reason, or reject with a reason. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public CardRequestView review(String taskId, Review review) {
        CardRequest request = load(tasks.require(taskId, RequestType.processKeys(), REVIEW_TASK).businessKey());
        CurrentUser supervisor = SecurityContextUsers.require();
        review.requireSecondPerson(request.createdBy(), supervisor.username(), "不能审核本人受理的业务");
        RequestStatus to = switch (review.outcome()) {
            case APPROVE -> RequestStatus.APPROVED;
            case SEND_BACK -> RequestStatus.RETURNED;
            case REJECT -> RequestStatus.REJECTED;
        };
        request.reviewed(to, review.reason(), supervisor.username(), clock.instant());
        events.publishEvent(new CardRequestReviewed(request.id(), request.regionCode(), review.outcome().code(),
                review.reason()));
        inbox.complete(taskId, review.variables());
        return view(request);
    }

    /**
     * Collecting the replacement card (LC-04, LC-05): identity checked, the temporary card (if one was issued) handed
     * back — completion is refused while it is outstanding — and the old card handed back unless it was lost. The new
     * card must be in stock at the clerk's desk (APP-10, {@code logistics}): 409 {@code CARD_NOT_AT_DESK} otherwise.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public CardRequestView registerReplacementPickup(String taskId, boolean identityVerified,
                                                     boolean temporaryCardReturned, boolean oldCardReturned) {
        CardRequest request = load(tasks.require(taskId, RequestType.REPLACEMENT.processKey(), REPLACEMENT_PICKUP_TASK).businessKey());
        List<FieldViolation> violations = new ArrayList<>();
        if (!identityVerified) {
            violations.add(new FieldViolation("identityVerified", "请先核验领卡人的有效身份证件"));
        }
        boolean temporaryOutstanding = request.temporaryCardNo() != null
                && temporaryCards.find(request.temporaryCardNo()).map(t -> t.outstanding()).orElse(false);
        if (temporaryOutstanding && !temporaryCardReturned) {
            violations.add(new FieldViolation("temporaryCardReturned",
                    "临时卡 " + request.temporaryCardNo() + " 尚未交回，领取新卡时须交回临时卡"));
        }
        Map<String, Object> form = formData(request);
        boolean lost = "LOST".equals(form.get("replacementReason"));
        if (!lost && !oldCardReturned && !Boolean.TRUE.equals(form.get("oldCardReturned"))) {
            violations.add(new FieldViolation("oldCardReturned", "除丢失外，领取新卡时必须交回原卡"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        if (request.newCardNo() == null) {
            throw new ConflictException(REPLACEMENT_CARD_PENDING, "newCardNo",
                    "新卡在运输中丢失或损坏已作废，正在补制，补制的新卡送达后方可领取");
        }
        stock.issueAtDesk(request.newCardNo(), request.id());
        if (temporaryOutstanding) {
            SecurityContextUsers.runAsSystem(() -> temporaryCards.markReturned(request.temporaryCardNo()));
        }
        inbox.complete(taskId, Map.of());
        return view(request);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CardRequestView get(String requestId) {
        return view(load(requestId));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CardRequestView forTask(String taskId) {
        return view(load(inbox.get(taskId).businessKey()));
    }

    /** The submitted form (personal data) for the clerk correcting it or the supervisor reviewing it; audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public Map<String, Object> formForTask(String taskId) {
        CardRequest request = load(inbox.get(taskId).businessKey());
        events.publishEvent(new cn.healthcard.audit.PersonalDataRead(request.residentId(), request.regionCode(),
                "业务审核/修改 " + request.id()));
        return formData(request);
    }

    /** The request's printed application form (附表1–4 or 注销申请单) as PDF; reading the holder's name is audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public byte[] printForm(String requestId) {
        CardRequest request = load(requestId);
        var holder = residents.details(request.residentId(), "打印申请单 " + requestId);
        return reports.cardRequestForm(printout.form(request, formData(request), holder));
    }

    // ---------------------------------------------------------------- steps run by the process engine (SYSTEM)

    /** Before review (and after a correction): the card still allows the action, the request still holds the card. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> check(String requestId) {
        CardRequest request = load(requestId);
        boolean holds = locks.findById(request.cardNo()).map(l -> l.requestId().equals(requestId)).orElse(false);
        if (!holds) {
            return Optional.of("卡片另有在办业务");
        }
        try {
            cards.requireAllowed(request.cardNo(), request.type().action());
            return Optional.empty();
        } catch (ConflictException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void reject(String requestId, String reason) {
        CardRequest request = load(requestId);
        request.rejected(reason, clock.instant());
        locks.release(request.cardNo(), requestId);
        events.publishEvent(new CardRequestRejected(requestId, request.regionCode(),
                reason == null ? request.reviewComment() : reason));
    }

    /** Loss report, unloss, unlock, cancellation: the card action, recorded with the form; the request is done. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void apply(String requestId) {
        CardRequest request = load(requestId);
        cards.transition(request.cardNo(), request.type().action(), change(request));
        complete(request);
    }

    /**
     * Replacement approved: the change table is applied to the resident record through the normal validation, and a
     * temporary card is issued if the resident asked for one. Returns the temporary card number, if any.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> startReplacement(String requestId) {
        CardRequest request = load(requestId);
        Map<String, Object> form = formData(request);
        rules.applyResidentChanges(request.residentId(), form);
        if (Boolean.TRUE.equals(form.get("temporaryCardRequested"))) {
            var temporary = temporaryCards.issue(request.cardNo(), requestId, temporaryCardValidity);
            request.temporaryCardIssued(temporary.cardNo());
            return Optional.of(temporary.cardNo());
        }
        return Optional.empty();
    }

    /** Orders the new card from the card maker; failures become incidents after the retries. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void requestReplacementCard(String requestId) {
        CardRequest request = load(requestId);
        rules.requestProduction(request.id(), request.residentId(), request.regionCode(), request.institutionCode());
    }

    /** Whether the card maker's answer is for one of our requests. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean owns(String caseId) {
        return requests.existsById(caseId);
    }

    /**
     * The new card is made: it waits for pick-up; the process moves on to the pick-up task. In a replacement round
     * (the first new card was lost in transit and voided, issue #13) the process already waits at the pick-up: the
     * case's next card takes the void one's place there, bound to this request and its holder. A replay of the card
     * the request holds, or of a void card, changes nothing.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void replacementCardProduced(String requestId, String cardNo, String chipSerial) {
        CardRequest request = load(requestId);
        if (cardNo.equals(request.newCardNo()) || rules.isVoid(cardNo)) {
            return; // the announcement again (a retried job), or a card voided in transit since
        }
        boolean nextRound = request.newCardNo() != null || rules.isReplacementRoundCard(requestId, cardNo);
        if (nextRound && !rules.isReplacementRoundCard(requestId, cardNo)) {
            throw new IllegalStateException("card " + cardNo + " is not the card production holds for request "
                    + requestId);
        }
        if (nextRound && (request.status() != RequestStatus.APPROVED || request.processInstanceId() == null
                || !processes.isAt(request.processInstanceId(), REPLACEMENT_PICKUP_TASK))) {
            // a request done (or not at its pick-up): its completion is parked, no further card registered
            throw new IllegalStateException("request " + requestId + " (" + request.status()
                    + ") does not wait at its pick-up for card " + cardNo);
        }
        if (request.newCardNo() != null) {
            voidNewCard(request, "补制新卡 " + cardNo + " 取代");
        }
        cards.registerReplacement(cardNo, request.cardNo(), requestId, chipSerial);
        request.newCardProduced(cardNo, clock.instant());
        if (processes.correlate(REPLACEMENT_PRODUCED_MESSAGE, requestId, Map.of("newCardNo", cardNo))) {
            return;
        }
        if (!nextRound) {
            throw new IllegalStateException("request " + requestId + " does not wait for its card");
        }
        processes.setVariable(request.processInstanceId(), "newCardNo", cardNo); // the pick-up's card, not the void one
    }

    /**
     * The new card waiting for pick-up was lost or damaged in transit and replaced (production voided its number):
     * it is void in the card registry (never activated), and the request waits at the pick-up for the case's next
     * card, which {@link #replacementCardProduced} puts in its place. Anything else (another number, a request done)
     * changes nothing.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void replacementCardVoided(String requestId, String cardNo, String reference) {
        CardRequest request = load(requestId);
        if (!cardNo.equals(request.newCardNo()) || request.status() != RequestStatus.APPROVED) {
            return;
        }
        voidNewCard(request, "运输丢失作废，补制新卡（" + reference + "）");
    }

    private void voidNewCard(CardRequest request, String reason) {
        cards.find(request.newCardNo()).filter(c -> c.status() == CardStatus.READY).ifPresent(c ->
                cards.transition(c.cardNo(), CardAction.VOID, new CardChange(reason, request.id(),
                        SecurityContextUsers.actor(), null, request.institutionCode(), null)));
        request.newCardVoided(clock.instant());
    }

    /** The new card is collected: it becomes active, the old card is cancelled for good, the request is done. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void completeReplacement(String requestId) {
        CardRequest request = load(requestId);
        cards.transition(request.newCardNo(), CardAction.ACTIVATE, new CardChange("补换新卡领取启用", requestId,
                request.createdBy(), request.reviewedBy(), request.institutionCode(), null));
        cards.transition(request.cardNo(), CardAction.REPLACE, change(request));
        complete(request);
    }

    /** The temporary card's period is over (BPMN timer). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void expireTemporaryCard(String requestId) {
        CardRequest request = load(requestId);
        if (request.temporaryCardNo() != null) {
            temporaryCards.expire(request.temporaryCardNo());
        }
    }

    // ---------------------------------------------------------------- helpers

    private CardView checked(RequestType type, CardRequestData data) {
        List<FieldViolation> violations = new ArrayList<>(rules.violations(type, data));
        if (data.cardNo() == null || data.cardNo().isBlank()) {
            throw new DomainValidationException(violations);
        }
        Optional<CardView> found = cards.find(data.cardNo().trim());
        if (found.isEmpty()) {
            violations.add(new FieldViolation("cardNo", "「健康卡卡号」不存在或不在您的管辖范围内"));
            throw new DomainValidationException(violations);
        }
        CardView card = found.get();
        if (violations.stream().noneMatch(v -> v.field().startsWith("identityDocument"))) {
            String shown = residents.documentIndex(data.identityDocumentType(), data.identityDocumentNumber());
            if (!shown.equals(residents.documentIndexOf(card.residentId()))) {
                violations.add(new FieldViolation("identityDocumentNumber", "所出示的证件与该卡持卡人不符"));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        cards.requireAllowed(card.cardNo(), type.action());
        rules.checkCardState(type, card.status(), data);
        if (type == RequestType.REPLACEMENT || type == RequestType.UNLOSS || type == RequestType.UNLOCK) {
            blacklist.reasonListed(residents.documentIndexOf(card.residentId())).ifPresent(reason -> {
                throw new ConflictException("BLACKLISTED", "持卡人在黑名单中，不能办理" + type.nameZh() + " (原因: " + reason + ")");
            });
        }
        List<FieldViolation> changeProblems = rules.changeViolations(type, card.residentId(), data);
        if (!changeProblems.isEmpty()) {
            throw new DomainValidationException(changeProblems);
        }
        return card;
    }

    private CardChange change(CardRequest request) {
        return new CardChange(rules.reason(request.type(), formData(request)), request.id(), request.createdBy(),
                request.reviewedBy(), request.institutionCode(), request.formData());
    }

    private void complete(CardRequest request) {
        request.completed(clock.instant());
        locks.release(request.cardNo(), request.id());
        events.publishEvent(new CardRequestCompleted(request.id(), request.regionCode(), request.cardNo()));
    }

    private CardRequest load(String requestId) {
        CardRequest request = requests.findById(requestId)
                .orElseThrow(() -> new NotFoundException("业务不存在: " + requestId));
        SecurityContextUsers.current().filter(u -> !u.canSee(request.regionCode())).ifPresent(u -> {
            throw new NotFoundException("业务不存在: " + requestId);
        });
        return request;
    }

    private CardRequestView view(CardRequest r) {
        List<String> steps = r.processInstanceId() == null ? List.of() : processes.currentSteps(r.processInstanceId());
        boolean incident = r.processInstanceId() != null && processes.hasIncident(r.processInstanceId());
        ResidentSummary resident = residents.summary(r.residentId());
        CardStatus cardStatus = cards.find(r.cardNo()).map(CardView::status).orElse(null);
        return new CardRequestView(r.id(), r.type(), r.status(), r.cardNo(), cardStatus, resident.nameMasked(),
                resident.documentNumberMasked(), steps, incident, r.reviewComment(), r.newCardNo(),
                r.temporaryCardNo(), r.createdBy(), r.createdAt(), r.updatedAt());
    }

    private String toJson(CardRequestData data) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("cardNo", data.cardNo().trim());
        all.put("applicantPhone", data.applicantPhone());
        all.put("identityDocumentType", data.identityDocumentType());
        all.put("identityDocumentNumber", data.identityDocumentNumber() == null ? null
                : data.identityDocumentNumber().trim().toUpperCase());
        if (data.details() != null) {
            data.details().forEach((k, v) -> all.put(k, v instanceof LocalDate d ? d.toString() : v));
        }
        try {
            return json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> formData(CardRequest request) {
        try {
            return json.readValue(request.formData(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
