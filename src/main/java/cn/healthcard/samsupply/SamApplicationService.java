package cn.healthcard.samsupply;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.samsupply.SamSupplyEvents.SamApplicationResubmitted;
import cn.healthcard.samsupply.SamSupplyEvents.SamApplicationReviewed;
import cn.healthcard.samsupply.SamSupplyEvents.SamApplicationSubmitted;
import cn.healthcard.samsupply.SamSupplyEvents.SamApplicationWithdrawn;
import cn.healthcard.samsupply.internal.SamApplication;
import cn.healthcard.samsupply.internal.SamApplicationRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SAM applications as reviewed cases (SAM-01, BPM-01; {@code processes/sam-application.bpmn}; decision 031): a city
 * centre's clerk registers one for an institution of her region; the provincial centre's supervisor approves, sends
 * back or rejects; a sent-back application is revised and resubmitted, or withdrawn. Approved, the case waits for its
 * province's report, the national plan and the maker's answer ({@link SamPlanningService}). Views, REST and the task
 * forms all come through here.
 */
@Service
public class SamApplicationService {

    public static final String PROCESS_KEY = "sam-application";
    public static final String REVIEW_TASK = "reviewSamApplication";
    public static final String REVISE_TASK = "reviseSamApplication";
    public static final String REPORTED_MESSAGE = "SamApplicationReported";
    public static final String PLANNED_MESSAGE = "SamApplicationPlanned";
    public static final String MADE_MESSAGE = "SamApplicationMade";
    /** 申领编号: {@code SS} + city region + date + serial, e.g. {@code SS52010020261207000001}. */
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("SS", "sam_application_no_seq", 6);
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_REASON = 200;

    private final SamApplicationRepository applications;
    private final SamLevels levels;
    private final InstitutionService institutions;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamApplicationService(SamApplicationRepository applications, SamLevels levels, InstitutionService institutions,
                          ProcessGateway processes, TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers,
                          ApplicationEventPublisher events, Clock clock) {
        this.applications = applications;
        this.levels = levels;
        this.institutions = institutions;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers an application (申领登记) at the caller's city centre (403 for anyone else): 400 naming the field on a
     * missing institution or terminal type, a quantity outside 1…{@value #MAX_QUANTITY}, a missing or overlong
     * reason, an institution that is not a medical institution; 404 for an institution outside the caller's region.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamApplicationView register(SamApplicationData data) {
        Institution centre = levels.requireCentre(RegionCode.Level.CITY, "登记SAM卡申领");
        CurrentUser me = SecurityContextUsers.require();
        check(data, true);
        Institution institution = institutionOf(data.institutionCode().strip(), me);
        SamApplication a = applications.saveAndFlush(new SamApplication(numbers.next(NUMBER,
                centre.region().value()), centre.region().value(), centre.code(), institution.code(),
                data.terminalType(), data.quantity(), data.reason().strip(), me.username(), clock.instant()));
        events.publishEvent(new SamApplicationSubmitted(a.applicationNo(), a.regionCode(), a.institutionCode(),
                a.terminalType(), a.quantity()));
        a.processStarted(processes.start(PROCESS_KEY, a.applicationNo(), Map.of(
                TaskInboxService.REGION_CODE, a.regionCode(),
                TaskInboxService.APPLICANT_NAME, institution.name())));
        return view(a);
    }

    /**
     * The provincial centre's review: only a supervisor of the province the application's city belongs to (403
     * otherwise); {@link Review} rules for decision and comment (400).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamApplicationView review(String taskId, Review review) {
        SamApplication a = load(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        Institution province = levels.requireCentre(RegionCode.Level.PROVINCE, "审核SAM卡申领");
        if (!province.region().value().equals(a.provinceCode())) {
            throw new AccessDeniedException("SAM卡申领 " + a.applicationNo() + " 由其所在省的注册管理中心审核");
        }
        CurrentUser me = SecurityContextUsers.require();
        SamApplicationStatus status = switch (review.outcome()) {
            case APPROVE -> SamApplicationStatus.APPROVED;
            case SEND_BACK -> SamApplicationStatus.RETURNED;
            case REJECT -> SamApplicationStatus.REJECTED;
        };
        a.reviewed(status, review.reason(), me.username(), clock.instant());
        events.publishEvent(new SamApplicationReviewed(a.applicationNo(), a.regionCode(), review.outcome().code(),
                review.reason()));
        inbox.complete(taskId, review.variables());
        return view(a);
    }

    /** The clerk of the registering centre revises a sent-back application and resubmits it (400 by field). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamApplicationView resubmit(String taskId, SamApplicationData data) {
        SamApplication a = reviseTask(taskId);
        check(data, false);
        a.revised(data.terminalType(), data.quantity(), data.reason().strip(), clock.instant());
        events.publishEvent(new SamApplicationResubmitted(a.applicationNo(), a.regionCode(), a.quantity()));
        inbox.complete(taskId, Withdrawal.RESUBMITTED);
        return view(a);
    }

    /** The clerk withdraws a sent-back application (reason required: 400 on {@code withdrawReason}). */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamApplicationView withdraw(String taskId, Withdrawal withdrawal) {
        SamApplication a = reviseTask(taskId);
        a.moved(SamApplicationStatus.WITHDRAWN, clock.instant());
        events.publishEvent(new SamApplicationWithdrawn(a.applicationNo(), a.regionCode(), withdrawal.reason()));
        inbox.complete(taskId, withdrawal.variables());
        return view(a);
    }

    /** The open task of a step of an application the caller may see (REST): 404, or 409 {@code NOT_AT_STEP}. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public String openTask(String applicationNo, String taskKey) {
        visible(applicationNo);
        String step = REVIEW_TASK.equals(taskKey) ? "审核" : "退回修改";
        return tasks.requireAt(applicationNo, List.of(PROCESS_KEY), taskKey, step).taskId();
    }

    /** An application within the caller's region; 404 otherwise. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public SamApplicationView get(String applicationNo) {
        return view(visible(applicationNo));
    }

    /** The application of a task of this process (for its form). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public SamApplicationView forTask(String taskId) {
        return view(visible(inbox.get(taskId).businessKey()));
    }

    /** Applications within the caller's region, optionally of one status, newest first (at most 500). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamApplicationView> list(SamApplicationStatus status, int limit) {
        CurrentUser me = SecurityContextUsers.require();
        return applications.within(me.region().scopePrefix(), status,
                PageRequest.of(0, Math.max(1, Math.min(limit, 500)))).stream().map(this::view).toList();
    }

    SamApplication visible(String applicationNo) {
        CurrentUser me = SecurityContextUsers.require();
        return applications.findByApplicationNo(applicationNo == null ? "" : applicationNo)
                .filter(a -> me.canSee(a.regionCode()))
                .orElseThrow(() -> new NotFoundException("SAM卡申领不存在: " + applicationNo));
    }

    private SamApplication load(String applicationNo) {
        return applications.findByApplicationNo(applicationNo)
                .orElseThrow(() -> new NotFoundException("SAM卡申领不存在: " + applicationNo));
    }

    private SamApplication reviseTask(String taskId) {
        SamApplication a = load(tasks.require(taskId, PROCESS_KEY, REVISE_TASK).businessKey());
        CurrentUser me = SecurityContextUsers.require();
        if (!a.centreCode().equals(me.institutionCode())) {
            throw new AccessDeniedException("只有登记该申领的 " + a.centreCode() + " 可以修改或撤回");
        }
        return a;
    }

    private Institution institutionOf(String code, CurrentUser me) {
        Institution institution;
        try {
            institution = institutions.requireActive(code);
        } catch (NotFoundException e) {
            throw new NotFoundException("机构不存在: " + code);
        }
        if (!me.canSee(institution.region().value())) {
            throw new NotFoundException("机构不存在: " + code);
        }
        if (institution.kind() != InstitutionKind.MEDICAL) {
            throw new DomainValidationException("institutionCode", institution.name() + "（" + code
                    + "）不是医疗卫生机构，不能申领SAM卡");
        }
        return institution;
    }

    /** 400 naming the field: institution (on registration), terminal type, quantity 1…1000, reason ≤ 200. */
    static void check(SamApplicationData data, boolean withInstitution) {
        List<FieldViolation> v = new ArrayList<>();
        if (withInstitution) {
            if (data.institutionCode() == null || data.institutionCode().isBlank()) {
                v.add(new FieldViolation("institutionCode", "请选择「申领机构」"));
            } else if (data.institutionCode().length() > 32) {
                v.add(new FieldViolation("institutionCode", "「申领机构」代码最多32个字符"));
            }
        }
        if (data.terminalType() == null) {
            v.add(new FieldViolation("terminalType", "请选择「终端类型」"));
        }
        if (data.quantity() == null) {
            v.add(new FieldViolation("quantity", "请填写「申领数量」"));
        } else if (data.quantity() < 1 || data.quantity() > MAX_QUANTITY) {
            v.add(new FieldViolation("quantity", "「申领数量」应为 1 至 " + MAX_QUANTITY + " 张"));
        }
        if (data.reason() == null || data.reason().isBlank()) {
            v.add(new FieldViolation("reason", "请填写「申领理由」"));
        } else if (data.reason().strip().length() > MAX_REASON) {
            v.add(new FieldViolation("reason", "「申领理由」最多" + MAX_REASON + "个字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    SamApplicationView view(SamApplication a) {
        return new SamApplicationView(a.applicationNo(), a.regionCode(), a.centreCode(), a.institutionCode(),
                levels.name(a.institutionCode()), a.terminalType(), a.quantity(), a.reason(), a.status(),
                a.reviewComment(), a.reviewedBy(), a.reportNo(), a.planNo(), a.madeCount(), a.failedCount(),
                a.createdBy(), a.createdAt());
    }
}
