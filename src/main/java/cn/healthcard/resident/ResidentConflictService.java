package cn.healthcard.resident;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.resident.ResidentConflictEvents.ResidentConflictFiled;
import cn.healthcard.resident.ResidentConflictEvents.ResidentConflictRejected;
import cn.healthcard.resident.ResidentConflictEvents.ResidentConflictReviewed;
import cn.healthcard.resident.ResidentConflictEvents.ResidentDataCorrected;
import cn.healthcard.resident.internal.ResidentConflict;
import cn.healthcard.resident.internal.ResidentConflictRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resident-data conflict case (档案核实更正申请, issue #10 item 9; ORG-05, APP-01): a clerk whose card application
 * was refused with 409 {@value ResidentService#DATA_CONFLICT} — the person's record belongs to another region and
 * the identity data entered differ from it — files the data entered and a reason; the system checks them; a
 * supervisor of the record's region compares the record with the filed data (plaintext, audited: SEC-02, SEC-03)
 * and approves (the record's identity data are corrected through {@link ResidentService}, so the application goes
 * through) or rejects with a reason (nothing changes). No send-back: the filer files anew. One open case per
 * resident. Views, REST and the delegates of {@code processes/resident-data-conflict.bpmn} all come through here.
 */
@Service
public class ResidentConflictService {

    public static final String PROCESS_KEY = "resident-data-conflict";
    public static final String REVIEW_TASK = "reviewResidentConflict";
    /** 核实编号: {@code HS} + the record's region + date + serial, e.g. {@code HS11010520261206000001}. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("HS", "resident_conflict_no_seq", 6);
    public static final String NOT_A_CONFLICT = "NOT_A_CONFLICT";
    public static final String CASE_OPEN = "RESIDENT_CONFLICT_OPEN";
    static final int MAX_NAME = 50;

    private final ResidentConflictRepository conflicts;
    private final ResidentService residents;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResidentConflictService(ResidentConflictRepository conflicts, ResidentService residents, ProcessGateway processes,
                            TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers,
                            ApplicationEventPublisher events, Clock clock) {
        this.conflicts = conflicts;
        this.residents = residents;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the filing clerk (desk and API)

    /**
     * Files the case for the record of the document. 400 on a missing or invalid field (the identity data must pass
     * the normal validation against the record's document); 404 when no record has the document (the same answer as
     * for a record one may not see); 409 {@value #NOT_A_CONFLICT} when the record is the clerk's own region's (it is
     * corrected through the application itself) or already holds these data; 409 {@value #CASE_OPEN} while another
     * case for the resident is open.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public ResidentConflictView file(ResidentConflictFiling filing) {
        CurrentUser clerk = SecurityContextUsers.require();
        String reason = checked(filing);
        String residentId = residents.findByDocument(filing.documentType(), filing.documentNumber())
                .orElseThrow(() -> new NotFoundException("居民档案不存在"));
        ResidentSummary record = residents.summary(residentId);
        if (clerk.canSee(record.regionCode())) {
            throw new ConflictException(NOT_A_CONFLICT, "该居民档案属本地区管辖，申领时所填信息即可更正档案，无需核实申请");
        }
        List<FieldViolation> violations = residents.identityViolations(residentId, filing.name().strip(),
                filing.sex(), filing.ethnicity(), filing.birthDate());
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        if (!residents.identityDiffers(residentId, filing.name(), filing.sex(), filing.ethnicity(),
                filing.birthDate())) {
            throw new ConflictException(NOT_A_CONFLICT, "所填身份信息与档案一致，无需核实，可直接申领");
        }
        if (conflicts.existsByOpenResidentId(residentId)) {
            throw new ConflictException(CASE_OPEN, "该居民已有在办的档案核实申请，请待其办结后再提交");
        }
        String caseNo = numbers.next(NUMBER, record.regionCode());
        ResidentConflict conflict;
        try {
            conflict = conflicts.saveAndFlush(new ResidentConflict(caseNo, residentId, record.regionCode(),
                    clerk.region().value(), clerk.institutionCode(), filing.name().strip(), filing.sex(),
                    filing.ethnicity(), filing.birthDate(), reason, clerk.username(), clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(CASE_OPEN, "该居民刚由他人提交了档案核实申请，请待其办结后再提交");
        }
        events.publishEvent(new ResidentConflictFiled(caseNo, conflict.regionCode(), residentId,
                conflict.filerRegionCode()));
        Map<String, Object> variables = new HashMap<>();
        variables.put(TaskInboxService.REGION_CODE, conflict.regionCode());
        variables.put(TaskInboxService.APPLICANT_NAME, record.nameMasked());
        variables.put(TaskInboxService.APPLICANT_KEYS, residents.searchKeys(residentId));
        conflict.processStarted(processes.start(PROCESS_KEY, caseNo, variables));
        return view(conflict);
    }

    /** The case, for the record's centre (and those above it) and for the clerk who filed it; 404 for anyone else. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ResidentConflictView get(String caseNo) {
        return view(load(caseNo));
    }

    // ---------------------------------------------------------------- the reviewer of the record's centre

    /**
     * The record's current identity data next to the filed ones, in plaintext, for the reviewer (SEC-02); the read
     * is audited as a personal-data read with the case number (SEC-03).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public ResidentConflictReview reviewFor(String taskId) {
        ResidentConflict c = load(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        ResidentData record = residents.details(c.residentId(), "档案核实审核 " + c.caseNo());
        return new ResidentConflictReview(c.caseNo(), Masking.documentNumber(record.documentNumber()),
                c.filerRegionCode(), c.createdBy(), c.createdAt(), c.reason(),
                new ResidentConflictReview.Identity(record.name(), record.sex(), record.ethnicity(),
                        record.birthDate()),
                new ResidentConflictReview.Identity(c.filedName(), c.filedSex(), c.filedEthnicity(),
                        c.filedBirthDate()));
    }

    /**
     * The decision of a supervisor of the record's region: approve (the record is corrected by the process) or
     * reject with a reason (400 without). Sending back is not offered (400 on {@code decision}); the filer may not
     * decide their own case (403); a task one may not see, or already decided, is 404 (the kit's answer).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public ResidentConflictView review(String taskId, Review review) {
        ResidentConflict c = load(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        if (review.outcome() == Review.Outcome.SEND_BACK) {
            throw new DomainValidationException("decision", "档案核实不能退回修改：请选择「通过」或「不予通过」");
        }
        CurrentUser supervisor = SecurityContextUsers.require();
        review.requireSecondPerson(c.createdBy(), supervisor.username(), "不能审核本人提交的档案核实申请");
        c.reviewed(review.reason(), supervisor.username(), clock.instant());
        events.publishEvent(new ResidentConflictReviewed(c.caseNo(), c.regionCode(), c.residentId(),
                review.outcome().code(), review.reason()));
        inbox.complete(taskId, review.variables());
        return view(c);
    }

    // ---------------------------------------------------------------- steps run by the process engine (SYSTEM)

    /** Before review: the filed data still differ from the record and still pass the validation. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> check(String caseNo) {
        ResidentConflict c = load(caseNo);
        if (!residents.identityDiffers(c.residentId(), c.filedName(), c.filedSex(), c.filedEthnicity(),
                c.filedBirthDate())) {
            return Optional.of("所填身份信息已与档案一致，无需更正");
        }
        var violations = residents.identityViolations(c.residentId(), c.filedName(), c.filedSex(),
                c.filedEthnicity(), c.filedBirthDate());
        return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0).message());
    }

    /** Approved: the record's identity data become the filed ones (normal validation, keyed name index updated). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void apply(String caseNo) {
        ResidentConflict c = load(caseNo);
        Map<String, String> identity = new HashMap<>();
        identity.put("name", c.filedName());
        identity.put("sex", c.filedSex());
        identity.put("ethnicity", c.filedEthnicity());
        identity.put("birthDate", c.filedBirthDate().toString());
        residents.applyChanges(c.residentId(), identity);
        c.closed(ResidentConflictStatus.CORRECTED, clock.instant());
        events.publishEvent(new ResidentDataCorrected(caseNo, c.regionCode(), c.residentId()));
    }

    /** Rejected by the reviewer (their reason) or refused by the check ({@code reason}): nothing changes. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void reject(String caseNo, String reason) {
        ResidentConflict c = load(caseNo);
        c.closed(ResidentConflictStatus.REJECTED, clock.instant());
        events.publishEvent(new ResidentConflictRejected(caseNo, c.regionCode(), c.residentId(),
                reason == null ? c.reviewComment() : reason));
    }

    // ---------------------------------------------------------------- helpers

    /** Field checks of a filing before anything is looked up; the trimmed reason. */
    private static String checked(ResidentConflictFiling f) {
        List<FieldViolation> v = new ArrayList<>();
        if (blank(f.documentType())) {
            v.add(new FieldViolation("documentType", "请选择「证件类型」"));
        }
        if (blank(f.documentNumber())) {
            v.add(new FieldViolation("documentNumber", "请填写「证件号码」"));
        } else if (f.documentNumber().strip().length() > 32) {
            v.add(new FieldViolation("documentNumber", "「证件号码」最多32个字符"));
        }
        if (blank(f.name())) {
            v.add(new FieldViolation("name", "请填写「姓名」"));
        } else if (f.name().strip().length() > MAX_NAME) {
            v.add(new FieldViolation("name", "「姓名」最多" + MAX_NAME + "个字符"));
        }
        if (blank(f.sex())) {
            v.add(new FieldViolation("sex", "请选择「性别」"));
        }
        if (blank(f.ethnicity())) {
            v.add(new FieldViolation("ethnicity", "请选择「民族」"));
        }
        if (f.birthDate() == null) {
            v.add(new FieldViolation("birthDate", "请填写「出生日期」"));
        }
        if (blank(f.reason())) {
            v.add(new FieldViolation("reason", "请填写「核实更正原因」"));
        } else if (f.reason().strip().length() > ResidentConflictFiling.MAX_REASON) {
            v.add(new FieldViolation("reason", "「核实更正原因」最多" + ResidentConflictFiling.MAX_REASON + "个字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        return f.reason().strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The case if the caller may see it: the record's region (and above), the filer, the system; 404 otherwise. */
    private ResidentConflict load(String caseNo) {
        ResidentConflict c = conflicts.findById(caseNo)
                .orElseThrow(() -> new NotFoundException("档案核实申请不存在: " + caseNo));
        SecurityContextUsers.current()
                .filter(u -> !u.canSee(c.regionCode()) && !u.username().equals(c.createdBy()))
                .ifPresent(u -> {
                    throw new NotFoundException("档案核实申请不存在: " + caseNo);
                });
        return c;
    }

    private ResidentConflictView view(ResidentConflict c) {
        ResidentSummary resident = residents.summary(c.residentId());
        List<String> steps = c.processInstanceId() == null ? List.of()
                : processes.currentSteps(c.processInstanceId());
        return new ResidentConflictView(c.caseNo(), c.status(), resident.nameMasked(),
                resident.documentNumberMasked(), c.regionCode(), c.filerRegionCode(), steps, c.reviewComment(),
                c.createdBy(), c.createdAt(), c.updatedAt());
    }
}
