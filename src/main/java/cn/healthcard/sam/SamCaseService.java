package cn.healthcard.sam;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.sam.SamEvents.SamChangeRequested;
import cn.healthcard.sam.SamEvents.SamChangeResubmitted;
import cn.healthcard.sam.SamEvents.SamChangeReviewed;
import cn.healthcard.sam.SamEvents.SamChangeWithdrawn;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCardRepository;
import cn.healthcard.sam.internal.SamCase;
import cn.healthcard.sam.internal.SamCaseRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Freeze, unfreeze and cancel of SAM cards as a reviewed case ({@code processes/sam-freeze.bpmn}, SAM-04, BPM-01;
 * decision 030): a registration centre's clerk requests, a supervisor other than the requester approves, sends back or
 * rejects; a case sent back is corrected or withdrawn. The state changes only on approval, cancel is final and ends the
 * binding. An urgent freeze for a reported loss takes effect on the request; the review confirms it, and a rejection
 * (or a withdrawal) unfreezes the card again. One open case per SAM card (409 {@code SAM_CASE_OPEN}).
 */
@Service
public class SamCaseService {

    public static final String PROCESS_KEY = "sam-freeze";
    public static final String REVIEW_TASK = "reviewSamRequest";
    public static final String REVISE_TASK = "reviseSamRequest";
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("SD", "sam_case_no_seq", 6);

    private final SamAccess access;
    private final SamCardRepository cards;
    private final SamCaseRepository cases;
    private final SamStateChanges changes;
    private final CaseNumbers numbers;
    private final CaseTasks tasks;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamCaseService(SamAccess access, SamCardRepository cards, SamCaseRepository cases, SamStateChanges changes,
                   CaseNumbers numbers, CaseTasks tasks, ProcessGateway processes,
                   TaskInboxService inbox, ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.cards = cards;
        this.cases = cases;
        this.changes = changes;
        this.numbers = numbers;
        this.tasks = tasks;
        this.processes = processes;
        this.inbox = inbox;
        this.events = events;
        this.clock = clock;
    }

    /** Files a request: 400 by field, 404 for a SAM outside the region, 403 for a clerk not of a centre, 409 on state. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCaseView request(SamChangeRequest request) {
        if (request == null) {
            throw new DomainValidationException("samNo", "请填写「SAM卡号」");
        }
        SamCard card = access.visible(request.samNo());
        CurrentUser user = SecurityContextUsers.require();
        access.requireCentre("申请SAM卡冻结、解冻或注销");
        String reason = check(request.action(), request.freezeReason(), request.reason(), request.urgent());
        requireAllowed(card, request.action());
        cases.findByOpenSamNo(card.samNo()).ifPresent(c -> {
            throw new ConflictException("SAM_CASE_OPEN", "SAM卡 " + card.samNo() + " 已有办理中的业务 " + c.caseNo());
        });
        String caseNo = numbers.next(NUMBER, card.placeRegion());
        String institution = card.institutionCode() != null ? card.institutionCode() : card.placeCode();
        SamCase c = new SamCase(caseNo, card.samNo(), request.action(),
                request.action() == SamAction.FREEZE ? request.freezeReason() : null, reason, request.urgent(),
                institution, card.placeRegion(), card.version(), user.username(), clock.instant());
        try {
            cases.saveAndFlush(c);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("SAM_CASE_OPEN", "SAM卡 " + card.samNo() + " 已有办理中的业务");
        }
        try {
            if (request.urgent()) {
                changes.change(card, c, "URGENT_FREEZE", SamState.FROZEN);
            } else {
                cards.bumpVersion(card.samNo()); // a binding change racing this request loses (version)
            }
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("SAM_CHANGED", "SAM卡 " + card.samNo() + " 已被他人修改，请刷新后重试");
        }
        flush(card);
        c.samChanged(card.version());
        events.publishEvent(new SamChangeRequested(caseNo, card.samNo(), request.action().name(),
                c.freezeReason() == null ? null : c.freezeReason().name(), request.urgent(), card.placeRegion()));
        processes.start(PROCESS_KEY, caseNo, Map.of(
                TaskInboxService.REGION_CODE, card.placeRegion(),
                TaskInboxService.APPLICANT_NAME, "SAM " + card.samNo() + " " + request.action().nameZh(),
                "urgent", request.urgent()));
        return c.toView();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR','ADMIN')")
    public SamCaseView get(String caseNo) {
        return visibleCase(caseNo).toView();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamCaseView> casesOf(String samNo) {
        SamCard card = access.visible(samNo);
        return cases.findBySamNoOrderByRequestedAtDesc(card.samNo()).stream().map(SamCase::toView).toList();
    }

    /** The case behind a review task (404 for a task one may not see, 409 for another step's). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamCaseView reviewFor(String taskId) {
        return visibleCase(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey()).toView();
    }

    /**
     * The supervisor's review; the requester may not review her own request (403). Approval is refused with 409
     * {@code SAM_CHANGED} when the card changed since the request (e.g. a binding change won a race).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamCaseView review(String taskId, Review review) {
        SamCase c = visibleCase(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        CurrentUser reviewer = SecurityContextUsers.require();
        review.requireSecondPerson(c.requestedBy(), reviewer.username(), "不能审核本人提出的SAM卡业务");
        if (c.resubmittedBy() != null) {
            review.requireSecondPerson(c.resubmittedBy(), reviewer.username(), "不能审核本人重新提交的SAM卡业务");
        }
        if (review.approved()) {
            SamCard card = cards.findById(c.samNo()).orElseThrow();
            if (card.version() != c.samVersion()) {
                throw new ConflictException("SAM_CHANGED", "SAM卡 " + c.samNo() + " 在申请后已变更，请退回重新提交");
            }
            requireAllowedOnApproval(card, c);
        }
        c.reviewed(review.outcome() == Review.Outcome.SEND_BACK ? SamCase.Status.RETURNED : c.status(),
                reviewer.username(), review.reason());
        events.publishEvent(new SamChangeReviewed(c.caseNo(), c.samNo(), review.outcome().code(), review.reason(),
                c.regionCode()));
        inbox.complete(taskId, review.variables());
        return c.toView();
    }

    /** The review addressed by case (REST): the open review task of the case, else 409 {@code NOT_AT_STEP}. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamCaseView reviewCase(String caseNo, Review review) {
        visibleCase(caseNo);
        return review(tasks.requireAt(caseNo, processKeys(), REVIEW_TASK, "SAM卡业务审核").taskId(), review);
    }

    /** The case behind a revise task. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('CLERK')")
    public SamCaseView forReviseTask(String taskId) {
        return visibleCase(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey()).toView();
    }

    /** Corrects a request sent back (reason, freeze reason) and sends it to review again. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCaseView resubmit(String taskId, FreezeReason freezeReason, String reason) {
        SamCase c = visibleCase(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey());
        String checked = check(c.action(), freezeReason, reason, c.urgent());
        SamCard card = cards.findById(c.samNo()).orElseThrow();
        c.resubmitted(c.action() == SamAction.FREEZE ? freezeReason : null, checked, card.version(),
                SecurityContextUsers.actor(), clock.instant());
        events.publishEvent(new SamChangeResubmitted(c.caseNo(), c.samNo(), c.regionCode()));
        inbox.complete(taskId, Withdrawal.RESUBMITTED);
        return c.toView();
    }

    /**
     * Withdraws a request sent back. An urgent freeze stays in force: only a review's rejection lifts it, otherwise
     * lifting it needs an UNFREEZE case reviewed by a second person (decision 030).
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCaseView withdraw(String taskId, Withdrawal withdrawal) {
        SamCase c = visibleCase(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey());
        c.closed(SamCase.Status.WITHDRAWN, clock.instant());
        events.publishEvent(new SamChangeWithdrawn(c.caseNo(), c.samNo(), withdrawal.reason(), c.regionCode()));
        inbox.complete(taskId, withdrawal.variables());
        return c.toView();
    }

    // ---------------------------------------------------------------- process steps (SYSTEM)

    /** BPMN applySamChange: the approved change takes effect (an urgent freeze is confirmed). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void apply(String caseNo) {
        SamCase c = cases.findById(caseNo).orElseThrow(() -> new NotFoundException("SAM卡业务不存在: " + caseNo));
        SamCard card = cards.findById(c.samNo()).orElseThrow();
        if (!c.urgent()) {
            requireAllowedOnApproval(card, c);
            switch (c.action()) {
                case FREEZE -> changes.change(card, c, "FREEZE", SamState.FROZEN);
                case UNFREEZE -> changes.change(card, c, "UNFREEZE", SamState.ACTIVE);
                case CANCEL -> changes.change(card, c, "CANCEL", SamState.CANCELLED);
            }
            flush(card);
        }
        c.closed(SamCase.Status.APPROVED, clock.instant());
    }

    /** BPMN rejectSamRequest: nothing changes, except that an urgent freeze is lifted again. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void reject(String caseNo) {
        SamCase c = cases.findById(caseNo).orElseThrow(() -> new NotFoundException("SAM卡业务不存在: " + caseNo));
        liftUrgentFreeze(c);
        c.closed(SamCase.Status.REJECTED, clock.instant());
    }

    private void liftUrgentFreeze(SamCase c) {
        if (c.urgent()) {
            SamCard card = cards.findById(c.samNo()).orElseThrow();
            if (card.state() == SamState.FROZEN) {
                changes.change(card, c, "URGENT_LIFTED", SamState.ACTIVE);
                flush(card);
            }
        }
    }

    // ---------------------------------------------------------------- rules

    private static String check(SamAction action, FreezeReason freezeReason, String reason, boolean urgent) {
        List<FieldViolation> v = new ArrayList<>();
        if (action == null) {
            v.add(new FieldViolation("action", "请选择「业务类型」（冻结、解冻或注销）"));
        }
        if (action == SamAction.FREEZE && freezeReason == null) {
            v.add(new FieldViolation("freezeReason", "冻结时请选择「冻结原因」（丢失或疑似违规使用）"));
        }
        if (urgent && (action != SamAction.FREEZE || freezeReason != FreezeReason.LOST)) {
            v.add(new FieldViolation("urgent", "只有因丢失申请的冻结可以紧急冻结"));
        }
        if (reason == null || reason.isBlank()) {
            v.add(new FieldViolation("reason", "请填写「申请原因」"));
        } else if (reason.strip().length() > SamBindingService.REASON_MAX) {
            v.add(new FieldViolation("reason", "「申请原因」最多" + SamBindingService.REASON_MAX + "个字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        return reason.strip();
    }

    private static void requireAllowed(SamCard card, SamAction action) {
        SamState s = card.state();
        if (s == SamState.CANCELLED) {
            throw new ConflictException("SAM_CANCELLED", "SAM卡 " + card.samNo() + " 已注销，不能再" + action.nameZh());
        }
        if (action == SamAction.FREEZE && s == SamState.FROZEN) {
            throw new ConflictException("SAM_FROZEN", "SAM卡 " + card.samNo() + " 已冻结");
        }
        if (action == SamAction.UNFREEZE && s != SamState.FROZEN) {
            throw new ConflictException("SAM_NOT_FROZEN", "SAM卡 " + card.samNo() + " 未冻结，不能解冻");
        }
    }

    private static void requireAllowedOnApproval(SamCard card, SamCase c) {
        if (!c.urgent()) {
            requireAllowed(card, c.action());
        }
    }

    private SamCase visibleCase(String caseNo) {
        return cases.findById(caseNo == null ? "" : caseNo)
                .filter(c -> SecurityContextUsers.require().canSee(c.regionCode()))
                .orElseThrow(() -> new NotFoundException("SAM卡业务不存在: " + caseNo));
    }

    private void flush(SamCard card) {
        try {
            cards.saveAndFlush(card);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("SAM_CHANGED", "SAM卡 " + card.samNo() + " 已被他人修改，请刷新后重试");
        }
    }

    static Set<String> processKeys() {
        return Set.of(PROCESS_KEY);
    }
}
