package cn.healthcard.filing;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.filing.FilingEvents.FilingAttachmentDownloaded;
import cn.healthcard.filing.FilingEvents.ProductFiled;
import cn.healthcard.filing.FilingEvents.ProductFilingExpiryReminded;
import cn.healthcard.filing.FilingEvents.ProductFilingLapsed;
import cn.healthcard.filing.FilingEvents.ProductFilingModified;
import cn.healthcard.filing.FilingEvents.ProductFilingRejected;
import cn.healthcard.filing.FilingEvents.ProductFilingResubmitted;
import cn.healthcard.filing.FilingEvents.ProductFilingReviewed;
import cn.healthcard.filing.FilingEvents.ProductFilingRevoked;
import cn.healthcard.filing.FilingEvents.ProductFilingSubmitted;
import cn.healthcard.filing.FilingEvents.ProductFilingWithdrawn;
import cn.healthcard.filing.internal.FilingAttachment;
import cn.healthcard.filing.internal.FilingAttachmentRepository;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Product filing as a reviewed case (备案, FIL-01, FIL-02; {@code processes/manufacturer-filing.bpmn}; decision 025):
 * an applicant's machine client or the national centre's desk submits (completeness checked here, 400 by field);
 * the system checks again; a supervisor of the national centre approves, sends back for completion or rejects, always
 * with an opinion; approved, the filing gets its number and validity period and is in the catalogue; a reminder before
 * the end, then it lapses. A sent-back application is completed and resubmitted, or withdrawn. The national level
 * modifies and revokes. Views, REST and the delegates all come through here.
 */
@Service
public class FilingService {

    public static final String PROCESS_KEY = "manufacturer-filing";
    public static final String REVIEW_TASK = "reviewFiling";
    public static final String REVISE_TASK = "completeFiling";
    public static final String NOTICE_TASK = "noteFilingExpiry";
    public static final String REVOKED_MESSAGE = "FilingRevoked";
    /** 备案申请编号: {@code BS} + date + serial, e.g. {@code BS20261206000001}. */
    public static final CaseNumbers.Format CASE = new CaseNumbers.Format("BS", "filing_case_no_seq", 6);
    /** 备案号: {@code BA} + date of approval + serial, e.g. {@code BA20261206000001}. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("BA", "filing_no_seq", 6);
    public static final String MODEL_FILED = "MODEL_FILED";
    /** 409: the filing changed since the caller read it (a modification names the version it saw). */
    public static final String STALE = "STALE_VERSION";

    private final ProductFilingRepository filings;
    private final ManufacturerRepository manufacturers;
    private final FilingAttachmentRepository attachments;
    private final FilingAccess access;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final CryptoPort crypto;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Period validity;
    private final Period reminderBefore;

    FilingService(ProductFilingRepository filings, ManufacturerRepository manufacturers,
                  FilingAttachmentRepository attachments, FilingAccess access, ProcessGateway processes,
                  TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers, CryptoPort crypto,
                  ApplicationEventPublisher events, Clock clock,
                  @Value("${healthcard.filing.validity:P3Y}") Period validity,
                  @Value("${healthcard.filing.reminder-before:P30D}") Period reminderBefore) {
        this.filings = filings;
        this.manufacturers = manufacturers;
        this.attachments = attachments;
        this.access = access;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.crypto = crypto;
        this.events = events;
        this.clock = clock;
        this.validity = validity;
        this.reminderBefore = reminderBefore;
    }

    // ---------------------------------------------------------------- the applicant (API) and the national desk

    /**
     * Submits an application. A manufacturer's client applies for its own manufacturer (another's id: 404; a client
     * bound to none: 403); a person must be of the national centre (403 otherwise) and name the manufacturer. 400
     * naming the field on incomplete data or a file of the wrong type or size; 400 on {@code productType} when the manufacturer is not a provider of
     * that kind; 409 {@value #MODEL_FILED} when the manufacturer's model of that type is filed or in review already
     * (another manufacturer's model of the same name is no obstacle: models are unique per manufacturer).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','ADMIN')")
    public FilingView submit(FilingApplication application) {
        CurrentUser user = SecurityContextUsers.require();
        Optional<Manufacturer> own = access.applicantManufacturer(user);
        Manufacturer manufacturer;
        if (own.isPresent()) {
            manufacturer = own.get();
            if (application.manufacturerId() != null && !application.manufacturerId().equals(manufacturer.id())) {
                throw new NotFoundException("生产单位不存在: " + application.manufacturerId());
            }
        } else {
            access.requireNationalPerson("代为提交备案申请");
            if (FilingRules.blank(application.manufacturerId())) {
                throw new DomainValidationException("manufacturerId", "请选择「生产单位」");
            }
            manufacturer = manufacturers.findById(application.manufacturerId())
                    .orElseThrow(() -> new DomainValidationException("manufacturerId", "「生产单位」未登记"));
        }
        FilingRules.checkApplication(application);
        if (!manufacturer.providerTypes().contains(application.productType().provider())) {
            throw new DomainValidationException("productType", "该生产单位不是「"
                    + application.productType().provider().nameZh() + "」，不能申请此类产品备案");
        }
        String model = application.model().strip();
        if (filings.existsByProductTypeAndManufacturerIdAndModelIgnoreCaseAndStatusIn(application.productType(),
                manufacturer.id(), model,
                EnumSet.of(FilingStatus.IN_REVIEW, FilingStatus.RETURNED, FilingStatus.FILED))) {
            throw new ConflictException(MODEL_FILED, "「产品型号」" + model + " 已备案或正在审核");
        }
        String caseNo = numbers.next(CASE);
        ProductFiling f = filings.saveAndFlush(new ProductFiling(caseNo, manufacturer.id(),
                application.productType(), model, application.productVersion().strip(),
                FilingRules.trimmed(application.description()), own.isPresent() ? FilingChannel.API
                : FilingChannel.DESK, user.username(), clock.instant()));
        store(f, application.attachments(), user);
        events.publishEvent(new ProductFilingSubmitted(f.id(), caseNo, f.productType(), model, f.channel(),
                application.attachments().size()));
        f.processStarted(processes.start(PROCESS_KEY, caseNo, Map.of(
                TaskInboxService.REGION_CODE, cn.healthcard.common.RegionCode.NATIONAL.value(),
                TaskInboxService.APPLICANT_NAME, manufacturer.name())));
        return view(f);
    }

    /** A filing the caller may see (see {@link FilingAccess}); 404 otherwise. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public FilingView get(String id) {
        return view(access.load(id));
    }

    /**
     * Completes and resubmits an application sent back: its own client, or a person of the national centre (403
     * otherwise). 409 {@code NOT_AT_STEP} when it is not waiting for completion; 400 by field; the files added
     * are checked like the application's.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','ADMIN')")
    public FilingView resubmit(String id, FilingCompletion completion) {
        ProductFiling f = applicantsOwn(id, "代为补正备案申请");
        String taskId = reviseTask(f);
        FilingRules.checkCompletion(completion);
        CurrentUser user = SecurityContextUsers.require();
        store(f, completion.attachments(), user);
        f.completed(completion.productVersion().strip(), FilingRules.trimmed(completion.description()),
                user.username(), clock.instant());
        events.publishEvent(new ProductFilingResubmitted(f.id(), f.caseNo(), f.productVersion(),
                completion.attachments().size()));
        completeRevise(taskId, Withdrawal.RESUBMITTED);
        return view(f);
    }

    /** Withdraws an application sent back (reason required, 400 on {@code withdrawReason}). */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','ADMIN')")
    public FilingView withdraw(String id, Withdrawal withdrawal) {
        ProductFiling f = applicantsOwn(id, "代为撤回备案申请");
        String taskId = reviseTask(f);
        f.moved(FilingStatus.WITHDRAWN, clock.instant());
        events.publishEvent(new ProductFilingWithdrawn(f.id(), f.caseNo(), withdrawal.reason()));
        completeRevise(taskId, withdrawal.variables());
        return view(f);
    }

    /** The filing behind a revise task (the desk's form). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','ADMIN')")
    public FilingView forReviseTask(String taskId) {
        return view(access.loadByCase(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey()));
    }

    // ---------------------------------------------------------------- the national centre's reviewer

    /** The application behind a review task (404 for a task one may not see, 409 for another step's). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SUPERVISOR')")
    public FilingView reviewFor(String taskId) {
        return view(access.loadByCase(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey()));
    }

    /**
     * Approve, send back for completion or reject — the opinion is required for every outcome (400 on
     * {@code comment}); whoever entered the application at the desk, completed and resubmitted it or uploaded one of
     * its files may not review it (403).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public FilingView review(String taskId, Review review) {
        ProductFiling f = access.loadByCase(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        if (review.reason() == null) {
            throw new DomainValidationException("comment", "请填写「审核意见」");
        }
        CurrentUser reviewer = SecurityContextUsers.require();
        Set<String> editors = new HashSet<>(f.resubmittedBy());
        editors.add(f.createdBy());
        attachments.describe(f.id()).forEach(a -> editors.add(a.uploadedBy()));
        if (editors.contains(reviewer.username())) {
            throw new AccessDeniedException("不能审核本人录入、补正或上传过材料的备案申请");
        }
        f.reviewed(review.reason(), reviewer.username(), clock.instant());
        if (review.outcome() == Review.Outcome.SEND_BACK) {
            f.moved(FilingStatus.RETURNED, clock.instant());
        }
        events.publishEvent(new ProductFilingReviewed(f.id(), f.caseNo(), review.outcome().code(), review.reason()));
        inbox.complete(taskId, review.variables());
        return view(f);
    }

    /** The expiry notice (续期提醒) acknowledged by a national reviewer. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public void acknowledgeExpiry(String taskId) {
        access.loadByCase(tasks.require(taskId, PROCESS_KEY, NOTICE_TASK).businessKey());
        inbox.complete(taskId, Map.of());
    }

    /** The filing behind an expiry notice task. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SUPERVISOR')")
    public FilingView forNoticeTask(String taskId) {
        return view(access.loadByCase(tasks.require(taskId, PROCESS_KEY, NOTICE_TASK).businessKey()));
    }

    // ---------------------------------------------------------------- the national level: modify and revoke (FIL-02)

    /**
     * Corrects a filed product's version or description: national centre only (403), FILED only (409). {@code version}
     * is the filing's version the caller saw ({@link FilingView#version()}): 400 on {@code version} without one, 409
     * {@value #STALE} when the filing changed since (no last write wins).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public FilingView modify(String id, Long version, String productVersion, String description) {
        access.requireNationalPerson("修改备案");
        ProductFiling f = access.load(id);
        if (version == null) {
            throw new DomainValidationException("version", "请提供所修改备案的「版本号」（version）");
        }
        if (f.version() != version) {
            throw new ConflictException(STALE, "version", "备案已被他人修改，请刷新后重试");
        }
        if (f.status() != FilingStatus.FILED) {
            throw new ConflictException("NOT_FILED", "只有已备案的产品可以修改");
        }
        FilingRules.checkCompletion(new FilingCompletion(productVersion, description, List.of()));
        f.modified(productVersion.strip(), FilingRules.trimmed(description), clock.instant());
        try {
            filings.saveAndFlush(f);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException(STALE, "version", "备案已被他人修改，请刷新后重试");
        }
        events.publishEvent(new ProductFilingModified(f.id(), f.caseNo(), f.productVersion()));
        return view(f);
    }

    /**
     * Revokes a filing with a reason (400 on {@code reason}): off the catalogue at once, the process ends.
     * National centre only (403); FILED only (409).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public FilingView revoke(String id, String reason) {
        access.requireNationalPerson("撤销备案");
        ProductFiling f = access.load(id);
        String r = FilingRules.trimmed(reason);
        if (r == null || r.length() > Review.MAX_REASON) {
            throw new DomainValidationException("reason", "请填写「撤销原因」（最多" + Review.MAX_REASON + "个字符）");
        }
        if (f.status() != FilingStatus.FILED) {
            throw new ConflictException("NOT_FILED", "只有已备案的产品可以撤销");
        }
        f.revoked(r, SecurityContextUsers.actor(), clock.instant());
        events.publishEvent(new ProductFilingRevoked(f.id(), f.caseNo(), f.filingNo(), r));
        processes.correlate(REVOKED_MESSAGE, f.caseNo(), Map.of());
        return view(f);
    }

    // ---------------------------------------------------------------- attachments

    /** An attachment's bytes; every download is audited with the file's SM3 hash. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public AttachmentFile download(String attachmentId) {
        FilingAttachment a = attachments.findById(attachmentId == null ? "" : attachmentId)
                .orElseThrow(() -> new NotFoundException("附件不存在: " + attachmentId));
        ProductFiling f;
        try {
            f = access.load(a.filingId());
        } catch (NotFoundException e) {
            throw new NotFoundException("附件不存在: " + attachmentId);
        }
        events.publishEvent(new FilingAttachmentDownloaded(f.id(), f.caseNo(), a.id(), a.sm3()));
        return new AttachmentFile(a.fileName(), a.contentType(), a.sm3(), a.content());
    }

    // ---------------------------------------------------------------- steps run by the process engine (SYSTEM)

    /** Before review: still complete (both kinds of attachment) and the manufacturer's model not filed meanwhile. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> check(String caseNo) {
        ProductFiling f = access.loadByCase(caseNo);
        Set<AttachmentKind> kinds = EnumSet.noneOf(AttachmentKind.class);
        attachments.describe(f.id()).forEach(a -> kinds.add(a.kind()));
        var missing = FilingRules.missingKinds(kinds);
        if (!missing.isEmpty()) {
            return Optional.of(missing.get(0).message());
        }
        boolean filedElsewhere = filings.findByProductTypeAndManufacturerIdAndModelIgnoreCase(f.productType(),
                        f.manufacturerId(), f.model()).stream()
                .anyMatch(o -> !o.id().equals(f.id()) && o.status() == FilingStatus.FILED);
        return filedElsewhere ? Optional.of("该型号已有有效备案") : Optional.empty();
    }

    /** The times of an approved filing the process waits for: the reminder and the lapse (start of the day after). */
    public record Validity(String filingNo, Date reminderAt, Date lapsesAt) {
    }

    /** Approved: filing number, validity from today for the configured period, in the catalogue. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Validity publish(String caseNo) {
        ProductFiling f = access.loadByCase(caseNo);
        LocalDate from = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate until = from.plus(validity).minusDays(1);
        f.filed(numbers.next(NUMBER), from, until, clock.instant());
        events.publishEvent(new ProductFiled(f.id(), caseNo, f.filingNo(), from.toString(), until.toString()));
        Instant lapses = until.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant remind = until.plusDays(1).minus(reminderBefore).atStartOfDay(ChinaTime.ZONE).toInstant();
        return new Validity(f.filingNo(), Date.from(remind), Date.from(lapses));
    }

    /** Rejected by the reviewer (their opinion) or refused by the check ({@code reason}). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void reject(String caseNo, String reason) {
        ProductFiling f = access.loadByCase(caseNo);
        f.moved(FilingStatus.REJECTED, clock.instant());
        events.publishEvent(new ProductFilingRejected(f.id(), caseNo, reason == null ? f.reviewComment() : reason));
    }

    /** The reminder before the end of the validity period (the notice goes to the national reviewers' inbox). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void remind(String caseNo) {
        ProductFiling f = access.loadByCase(caseNo);
        f.reminded(clock.instant());
        events.publishEvent(new ProductFilingExpiryReminded(f.id(), caseNo, f.filingNo(),
                String.valueOf(f.validUntil())));
    }

    /** The validity period ended: EXPIRED, off the catalogue. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void lapse(String caseNo) {
        ProductFiling f = access.loadByCase(caseNo);
        if (f.status() == FilingStatus.FILED) {
            f.moved(FilingStatus.EXPIRED, clock.instant());
            events.publishEvent(new ProductFilingLapsed(f.id(), caseNo, f.filingNo()));
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The filing for its applicant: the own client, or a national person (403); another client's, or any for a client
     * bound to no manufacturer: 404.
     */
    private ProductFiling applicantsOwn(String id, String what) {
        ProductFiling f = access.load(id);
        if (!FilingAccess.machine()) {
            access.requireNationalPerson(what);
        }
        return f;
    }

    /**
     * The open revise task of the case. Machine clients are no Camunda users (decision 020) and the task lies in the
     * national centre's inbox: once the caller is known to be the applicant (above), the task is looked up and
     * completed by the system on its behalf (the audit entry names the caller).
     */
    private String reviseTask(ProductFiling f) {
        return SecurityContextUsers.runAsSystem(() -> tasks.requireAt(f.caseNo(), Set.of(PROCESS_KEY), REVISE_TASK,
                "退回补正").taskId());
    }

    private void completeRevise(String taskId, Map<String, Object> variables) {
        SecurityContextUsers.runAsSystem(() -> inbox.complete(taskId, variables));
    }

    private void store(ProductFiling f, List<NewAttachment> files, CurrentUser user) {
        for (NewAttachment a : files) {
            String sm3 = HexFormat.of().formatHex(crypto.sm3(a.content()));
            attachments.save(new FilingAttachment(f.id(), a.kind(), a.fileName().strip(), a.contentType().strip(),
                    a.content(), sm3, user.username(), clock.instant()));
        }
    }

    FilingView view(ProductFiling f) {
        filings.flush(); // the version the caller will name in a modification is the one written now
        Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
        List<String> steps = f.processInstanceId() == null ? List.of()
                : processes.currentSteps(f.processInstanceId());
        List<AttachmentView> files = attachments.describe(f.id());
        return new FilingView(f.id(), f.caseNo(), f.filingNo(), m.id(), m.name(), f.productType(), f.model(),
                f.productVersion(), f.description(), f.channel(), f.status(), f.validFrom(), f.validUntil(),
                f.remindedAt(), f.reviewComment(), f.revokeReason(), steps, files, f.createdBy(), f.createdAt(),
                f.updatedAt(), f.version());
    }
}
