package cn.healthcard.issuance;

import cn.healthcard.audit.AuditChannel;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.IdNumber;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationRejected;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationResubmitted;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationReviewed;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationWithdrawn;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationSubmitted;
import cn.healthcard.issuance.ApplicationEvents.CardPickedUp;
import cn.healthcard.issuance.ApplicationEvents.CardProductionRequested;
import cn.healthcard.issuance.ApplicationEvents.CardReadyForPickup;
import cn.healthcard.issuance.ApplicationEvents.ReviewEscalated;
import cn.healthcard.issuance.internal.CardApplication;
import cn.healthcard.issuance.internal.CardApplicationRepository;
import cn.healthcard.issuance.internal.OneCardClaimRepository;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ProductionRequest;
import cn.healthcard.logistics.StockService;
import cn.healthcard.report.PickupReceipt;
import cn.healthcard.report.ReportService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.resident.ResidentValidator;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserDirectory;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The card-application case (APP-01…APP-12): registration, checks, review, production, pick-up. Views, REST
 * controllers and the BPMN delegates all call this service; it carries the role checks, region scoping and the
 * rules, so no entry path can skip them.
 */
@Service
public class CardApplicationService {

    public static final String PROCESS_KEY = "card-application";
    public static final String REVIEW_TASK = "reviewApplication";
    public static final String REVISE_TASK = "reviseApplication";
    public static final String PICKUP_TASK = "registerPickUp";
    public static final String CARD_PRODUCED_MESSAGE = "CardProduced";
    /** 申领编号: {@code SQ} + region + date + serial, e.g. {@code SQ11010520261122000123}. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("SQ", "application_no_seq", 6);

    private final CardApplicationRepository applications;
    private final OneCardClaimRepository claims;
    private final ResidentService residents;
    private final ResidentValidator validator;
    private final BlacklistService blacklist;
    private final CardService cards;
    private final InstitutionService institutions;
    private final ProductionOrders production;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final UserDirectory users;
    private final ReportService reports;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final Duration reviewEscalationAfter;

    /** Pick-up only where the card was delivered (APP-10). */
    private final StockService stock;

    CardApplicationService(CardApplicationRepository applications, OneCardClaimRepository claims,
                           ResidentService residents, ResidentValidator validator, BlacklistService blacklist,
                           CardService cards, InstitutionService institutions, ProductionOrders production,
                           ProcessGateway processes, TaskInboxService inbox, UserDirectory users,
                           ReportService reports, ApplicationEventPublisher events, Clock clock,
                           CaseTasks tasks, CaseNumbers numbers, StockService stock,
                           @Value("${healthcard.application.review-escalation-after:PT48H}") Duration reviewEscalationAfter) {
        this.stock = stock;
        this.applications = applications;
        this.claims = claims;
        this.residents = residents;
        this.validator = validator;
        this.blacklist = blacklist;
        this.cards = cards;
        this.institutions = institutions;
        this.production = production;
        this.processes = processes;
        this.inbox = inbox;
        this.users = users;
        this.reports = reports;
        this.events = events;
        this.clock = clock;
        this.tasks = tasks;
        this.numbers = numbers;
        this.reviewEscalationAfter = reviewEscalationAfter;
    }

    // ---------------------------------------------------------------- people at the desk (and API clients)

    /**
     * Registers an application (APP-01) and starts its process. Refused when the data is invalid (400), the resident
     * is blacklisted (APP-06) or already holds a card or an application in flight (APP-02) — the last one enforced by
     * the database, so it holds for two clerks submitting at the same moment. A cancelled desk takes no new
     * applications (409 {@code INSTITUTION_CANCELLED}, decision 023).
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationView submit(ResidentData data) {
        CurrentUser clerk = SecurityContextUsers.require();
        if (clerk.institutionCode() != null) {
            institutions.requireActive(clerk.institutionCode()); // a cancelled desk takes none (decision 023)
        }
        validator.check(data);
        String documentIndex = residents.documentIndex(data.documentType(), data.documentNumber());
        blacklist.reasonListed(documentIndex).ifPresent(reason -> {
            throw new ConflictException("BLACKLISTED", "该居民在黑名单中，不能申领居民健康卡 (原因: " + reason + ")");
        });
        String applicationId = numbers.next(NUMBER, clerk.region().value());
        ResidentSummary resident = oneAtATime(() -> residents.register(data, clerk.region().value()));
        if (cards.holdsLiveCard(resident.id())) {
            throw new ConflictException("ONE_PERSON_ONE_CARD", "该居民已持有未注销的居民健康卡 (一人一卡)");
        }
        if (claims.existsById(resident.id())) {
            throw new ConflictException("ONE_PERSON_ONE_CARD", "该居民已有在办的居民健康卡申领 (一人一卡)");
        }
        oneAtATime(() -> {
            claims.insert(resident.id(), applicationId, clock.instant());
            claims.flush();
            return null;
        });
        var application = applications.save(new CardApplication(applicationId, resident.id(),
                clerk.institutionCode(), clerk.region().value(), AuditChannel.current().name(), clerk.username(),
                clock.instant()));
        events.publishEvent(new CardApplicationSubmitted(applicationId, application.regionCode(),
                application.channel(), resident.id()));
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", applicationId);
        variables.put(TaskInboxService.REGION_CODE, application.regionCode());
        variables.put("institutionCode", application.institutionCode());
        variables.put(TaskInboxService.APPLICANT_NAME, resident.nameMasked());
        variables.put(TaskInboxService.APPLICANT_KEYS, residents.searchKeys(resident.id()));
        variables.put("reviewEscalationAfter", reviewEscalationAfter.toString());
        application.processStarted(processes.start(PROCESS_KEY, applicationId, variables));
        return view(application);
    }

    /** The clerk corrects a returned application (the same document; a different person needs a new application). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationView resubmit(String taskId, ResidentData data) {
        TaskRef task = tasks.require(taskId, PROCESS_KEY, REVISE_TASK);
        CardApplication application = load(task.businessKey());
        validator.check(data);
        var current = residents.summary(application.residentId());
        if (!current.documentType().equals(data.documentType())
                || !residents.findByDocument(data.documentType(), data.documentNumber())
                .map(application.residentId()::equals).orElse(false)) {
            throw new DomainValidationException("documentNumber",
                    "退回修改时不能变更「证件类型」和「证件号码」；如证件有误，请由审核员驳回后重新申领");
        }
        oneAtATime(() -> residents.register(data, application.regionCode()));
        application.resubmitted(clock.instant());
        events.publishEvent(new CardApplicationResubmitted(application.id(), application.regionCode()));
        inbox.complete(taskId, Withdrawal.RESUBMITTED);
        return view(application);
    }

    /**
     * The clerk withdraws a returned application instead of correcting it (APP-02, APP-07): the process ends, the
     * resident's one-card claim is released (a new application can be filed), the withdrawal is audited.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationView withdraw(String taskId, Withdrawal withdrawal) {
        CardApplication application = load(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey());
        application.withdrawn(clock.instant());
        releaseClaim(application);
        events.publishEvent(new CardApplicationWithdrawn(application.id(), application.regionCode(),
                withdrawal.reason()));
        inbox.complete(taskId, withdrawal.variables());
        return view(application);
    }

    /** {@link #withdraw(String, Withdrawal)} addressed by application number (the REST API). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationView withdrawApplication(String applicationId, Withdrawal withdrawal) {
        load(applicationId);
        return withdraw(tasks.requireAt(applicationId, Set.of(PROCESS_KEY), REVISE_TASK, "退回修改").taskId(),
                withdrawal);
    }

    /** The supervisor's review (APP-07): approve, send back with a reason, or reject with a reason. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public ApplicationView review(String taskId, Review review) {
        TaskRef task = tasks.require(taskId, PROCESS_KEY, REVIEW_TASK);
        CardApplication application = load(task.businessKey());
        CurrentUser supervisor = SecurityContextUsers.require();
        review.requireSecondPerson(application.createdBy(), supervisor.username(), "不能审核本人登记的申领");
        ApplicationStatus to = switch (review.outcome()) {
            case APPROVE -> ApplicationStatus.IN_PRODUCTION;
            case SEND_BACK -> ApplicationStatus.RETURNED;
            case REJECT -> ApplicationStatus.REJECTED;
        };
        application.reviewed(to, review.reason(), supervisor.username(), clock.instant());
        events.publishEvent(new CardApplicationReviewed(application.id(), application.regionCode(),
                review.outcome().code(), review.reason()));
        inbox.complete(taskId, review.variables());
        return view(application);
    }

    /**
     * Pick-up registration (APP-12): who collected the card, identity checked; the card becomes active. The card must
     * be in stock at the clerk's desk (APP-10, {@code logistics}): 409 {@code CARD_NOT_AT_DESK} naming where it is.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ApplicationView registerPickup(String taskId, PickupData pickup) {
        TaskRef task = tasks.require(taskId, PROCESS_KEY, PICKUP_TASK);
        CardApplication application = load(task.businessKey());
        List<FieldViolation> violations = new ArrayList<>();
        if (!pickup.identityVerified()) {
            violations.add(new FieldViolation("identityVerified", "请先核验领卡人的有效身份证件"));
        }
        if (!pickup.bySelf()) {
            if (pickup.agentName() == null || pickup.agentName().isBlank()) {
                violations.add(new FieldViolation("agentName", "代领时请填写「代领人姓名」"));
            } else if (pickup.agentName().trim().length() > 50) {
                violations.add(new FieldViolation("agentName", "「代领人姓名」最多50个字符"));
            }
            if (pickup.agentDocumentType() == null || !CodeTables.documentTypes().contains(pickup.agentDocumentType())) {
                violations.add(new FieldViolation("agentDocumentType", "代领时请选择「代领人证件类型」"));
            }
            if (pickup.agentDocumentNumber() == null || pickup.agentDocumentNumber().isBlank()) {
                violations.add(new FieldViolation("agentDocumentNumber", "代领时请填写「代领人证件号码」"));
            } else if (pickup.agentDocumentNumber().trim().length() > 32) {
                violations.add(new FieldViolation("agentDocumentNumber", "「代领人证件号码」最多32个字符"));
            } else if ("01".equals(pickup.agentDocumentType())) {
                try {
                    IdNumber.parse(pickup.agentDocumentNumber());
                } catch (DomainValidationException e) {
                    e.violations().forEach(v -> violations.add(new FieldViolation("agentDocumentNumber", v.message())));
                }
            }
        }
        if (pickup.notes() != null && pickup.notes().length() > 200) {
            violations.add(new FieldViolation("notes", "「备注」最多200个字符"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        stock.issueAtDesk(application.cardNo(), application.id());
        application.pickedUp(pickup.bySelf(), pickup.bySelf() ? null : pickup.agentName().trim(),
                pickup.bySelf() ? null : pickup.agentDocumentType(),
                pickup.bySelf() ? null : pickup.agentDocumentNumber().trim().toUpperCase(),
                SecurityContextUsers.require().username(), clock.instant());
        events.publishEvent(new CardPickedUp(application.id(), application.regionCode(), application.cardNo(),
                pickup.bySelf()));
        inbox.complete(taskId, Map.of("pickedUpBySelf", pickup.bySelf()));
        return view(application);
    }

    /** The pick-up receipt (领卡签收单) PDF of an issued card. Reading the resident's name is audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public byte[] pickupReceipt(String applicationId) {
        CardApplication application = load(applicationId);
        if (application.status() != ApplicationStatus.ISSUED) {
            throw new ConflictException("NOT_ISSUED", "该申领尚未完成领卡登记，不能打印领卡签收单");
        }
        ResidentData resident = residents.details(application.residentId(), "打印领卡签收单");
        var institution = institutions.get(application.institutionCode());
        String regionName = CodeTables.regions().fullName(institution.region().value());
        var receipt = new PickupReceipt(application.id(), application.cardNo(), resident.name(),
                CodeTables.sexes().name(resident.sex()).orElse(resident.sex()),
                CodeTables.documentTypes().name(resident.documentType()).orElse(resident.documentType()),
                Masking.documentNumber(resident.documentNumber()), institution.name(), regionName,
                LocalDateTime.ofInstant(application.pickedUpAt(), clock.getZone()),
                application.pickedUpBySelf() ? resident.name() : application.agentName(),
                application.pickedUpBySelf() ? PickupReceipt.SELF : "代领人",
                application.pickedUpBySelf() ? null : Masking.documentNumber(application.agentDocument()),
                users.displayName(application.pickupClerk()));
        return reports.pickupReceipt(receipt);
    }

    /** An application in the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ApplicationView get(String applicationId) {
        return view(load(applicationId));
    }

    /** The application behind a task, for forms. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ApplicationView forTask(String taskId) {
        return view(load(inbox.get(taskId).businessKey()));
    }

    /** Plaintext data of the application's resident, for the clerk correcting it; the read is audited. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ResidentData residentForCorrection(String taskId) {
        CardApplication application = load(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey());
        return residents.details(application.residentId(), "退回修改");
    }

    /** The resident's photo for the reviewer; the read is audited. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public Optional<byte[]> photoForReview(String taskId) {
        CardApplication application = load(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        return residents.photo(application.residentId(), "申领审核");
    }

    // ---------------------------------------------------------------- steps run by the process engine (SYSTEM)

    /**
     * The system check before review (and again after a correction): still not blacklisted, still holding the
     * one-card claim. Returns the reason for refusal, if any.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> check(String applicationId) {
        CardApplication application = load(applicationId);
        ResidentSummary resident = residents.summary(application.residentId());
        String documentIndex = residents.documentIndexOf(resident.id());
        Optional<String> listed = blacklist.reasonListed(documentIndex);
        if (listed.isPresent()) {
            return Optional.of("居民在黑名单中: " + listed.get());
        }
        boolean holdsClaim = claims.findById(resident.id()).map(c -> c.applicationId().equals(applicationId))
                .orElse(false);
        return holdsClaim ? Optional.empty() : Optional.of("一人一卡: 该居民另有在办申领或有效卡片");
    }

    /** Ends the application as rejected and releases the one-card claim. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void reject(String applicationId, String reason) {
        CardApplication application = load(applicationId);
        application.rejected(reason, clock.instant());
        releaseClaim(application);
        events.publishEvent(new CardApplicationRejected(applicationId, application.regionCode(),
                reason == null ? application.reviewComment() : reason));
    }

    /** Orders the card (BPM-04): one idempotent production order per application. Failures propagate: the engine retries, then raises an incident. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void requestProduction(String applicationId) {
        CardApplication application = load(applicationId);
        String ref = production.requestCardProduction(new ProductionRequest(application.id(), application.residentId(),
                application.regionCode(), application.institutionCode()));
        application.productionRequested(ref, clock.instant());
        events.publishEvent(new CardProductionRequested(applicationId, application.regionCode(), ref));
    }

    /** Whether the card maker's answer is for one of our applications. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean owns(String caseId) {
        return applications.existsById(caseId);
    }

    /** The card maker's answer: the card exists and waits for pick-up; the process moves on to the pick-up task. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void cardProduced(CardProductionCompleted answer) {
        CardApplication application = load(answer.caseId());
        cards.registerProduced(answer.cardNo(), application.residentId(), application.id(), application.regionCode(),
                application.institutionCode(), answer.chipSerial());
        application.cardReady(answer.cardNo(), clock.instant());
        events.publishEvent(new CardReadyForPickup(application.id(), application.regionCode(), answer.cardNo()));
        if (!processes.correlate(CARD_PRODUCED_MESSAGE, application.id(), Map.of("cardNo", answer.cardNo()))
                && !production.inReplacementRound(application.id())) {
            // a replacement round's card (the first was lost in transit) finds the process already at pick-up
            throw new IllegalStateException("application " + application.id() + " does not wait for its card");
        }
    }

    /**
     * The card waiting for pick-up was lost or damaged in transit and replaced (production voided its number, issue
     * #13): the number is void in the card registry (it can never be activated), and the application waits for the
     * replacement card, which {@link #cardProduced} then puts in its place. Anything else (another number, a card
     * already handed over) changes nothing.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void cardVoided(String applicationId, String cardNo, String reference) {
        CardApplication application = load(applicationId);
        if (!cardNo.equals(application.cardNo()) || application.status() != ApplicationStatus.READY) {
            return;
        }
        cards.transition(cardNo, CardAction.VOID, new CardChange("运输丢失作废，补制新卡（" + reference + "）",
                application.id(), SecurityContextUsers.actor(), null, application.institutionCode(), null));
        application.cardVoided(clock.instant());
    }

    /** The resident signed for the card: it becomes active. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void activateCard(String applicationId) {
        CardApplication application = load(applicationId);
        cards.transition(application.cardNo(), CardAction.ACTIVATE, new CardChange("领卡启用", application.id(),
                application.pickupClerk(), null, application.institutionCode(), null));
    }

    /** A review left undone too long goes to the supervisors' group lead with a raised priority. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void escalateReview(String applicationId, String processInstanceId) {
        CardApplication application = load(applicationId);
        String lead = users.groupLead(application.institutionCode(), Role.SUPERVISOR).orElse(null);
        inbox.escalate(processInstanceId, REVIEW_TASK, lead, 90);
        events.publishEvent(new ReviewEscalated(applicationId, application.regionCode(), lead));
    }

    // ---------------------------------------------------------------- helpers

    /** Releases the resident's one-card claim if this application holds it (rejected or withdrawn). */
    private void releaseClaim(CardApplication application) {
        claims.findById(application.residentId()).filter(c -> c.applicationId().equals(application.id()))
                .ifPresent(claims::delete);
    }

    private CardApplication load(String applicationId) {
        CardApplication application = applications.findById(applicationId)
                .orElseThrow(() -> new NotFoundException("申领不存在: " + applicationId));
        SecurityContextUsers.current().filter(u -> !u.canSee(application.regionCode())).ifPresent(u -> {
            throw new NotFoundException("申领不存在: " + applicationId);
        });
        return application;
    }

    private ApplicationView view(CardApplication a) {
        List<String> steps = a.processInstanceId() == null ? List.of() : processes.currentSteps(a.processInstanceId());
        boolean incident = a.processInstanceId() != null && processes.hasIncident(a.processInstanceId());
        return new ApplicationView(a.id(), a.status(), steps, incident, residents.summary(a.residentId()),
                a.institutionCode(), a.regionCode(), a.cardNo(), a.reviewComment(), a.createdBy(), a.createdAt(),
                a.updatedAt());
    }

    /** Runs a write that the database may refuse because someone else did the same thing at the same moment. */
    private static <T> T oneAtATime(Supplier<T> write) {
        try {
            return write.get();
        } catch (DataIntegrityViolationException | ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("ONE_PERSON_ONE_CARD",
                    "该居民的申领刚由他人提交 (一人一卡)，请刷新后核对");
        }
    }
}
