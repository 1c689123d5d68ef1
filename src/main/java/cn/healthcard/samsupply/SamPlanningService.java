package cn.healthcard.samsupply;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.ProductType;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.samsupply.SamSupplyEvents.SamApplicationsReported;
import cn.healthcard.samsupply.SamSupplyEvents.SamPlanOrdered;
import cn.healthcard.samsupply.internal.SamApplication;
import cn.healthcard.samsupply.internal.SamApplicationRepository;
import cn.healthcard.samsupply.internal.SamLink;
import cn.healthcard.samsupply.internal.SamOrder;
import cn.healthcard.samsupply.internal.SamOrderRepository;
import cn.healthcard.samsupply.internal.SamPlan;
import cn.healthcard.samsupply.internal.SamPlanRepository;
import cn.healthcard.samsupply.internal.SamReport;
import cn.healthcard.samsupply.internal.SamReportRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.ProcessGateway;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SAM plan chain above the city (SAM-01; decision 031): a provincial centre's supervisor reports its approved
 * applications upward (上报单; one application in one report only, 409 {@value #ALREADY_REPORTED}); the national
 * centre's supervisor makes a production plan from reported reports (one report in one plan only, 409
 * {@value #ALREADY_PLANNED}) and orders it from a SAM maker — an active CARD_MAKER institution whose unified social
 * credit code has a SAM filing in force (409 {@value #MAKER_NOT_FILED} otherwise). The plan's orders (one per
 * application) go to the maker after the commit ({@link SamOrders}). Queries at each level within its region.
 */
@Service
public class SamPlanningService {

    public static final String ALREADY_REPORTED = "SAM_ALREADY_REPORTED";
    public static final String NOT_APPROVED = "SAM_NOT_APPROVED";
    public static final String ALREADY_PLANNED = "SAM_ALREADY_PLANNED";
    public static final String MAKER_NOT_FILED = "SAM_MAKER_NOT_FILED";
    /** 上报单号: {@code SR} + province + date + serial. */
    public static final CaseNumbers.Format REPORT = new CaseNumbers.Format("SR", "sam_report_no_seq", 6);
    /** 制卡计划号: {@code SP} + 000000 + date + serial. */
    public static final CaseNumbers.Format PLAN = new CaseNumbers.Format("SP", "sam_plan_no_seq", 6);
    public static final int MAX_ITEMS = 200;

    private final SamApplicationRepository applications;
    private final SamReportRepository reports;
    private final SamPlanRepository plans;
    private final SamOrderRepository orders;
    private final SamLink links;
    private final SamLevels levels;
    private final SamApplicationService applicationService;
    private final InstitutionService institutions;
    private final FiledProducts filed;
    private final ProcessGateway processes;
    private final CaseNumbers numbers;
    private final SamOrders sender;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamPlanningService(SamApplicationRepository applications, SamReportRepository reports, SamPlanRepository plans,
                       SamOrderRepository orders, SamLink links, SamLevels levels,
                       SamApplicationService applicationService, InstitutionService institutions,
                       FiledProducts filed, ProcessGateway processes, CaseNumbers numbers, SamOrders sender,
                       ApplicationEventPublisher events, Clock clock) {
        this.applications = applications;
        this.reports = reports;
        this.plans = plans;
        this.orders = orders;
        this.links = links;
        this.levels = levels;
        this.applicationService = applicationService;
        this.institutions = institutions;
        this.filed = filed;
        this.processes = processes;
        this.numbers = numbers;
        this.sender = sender;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The province reports approved applications upward (403 below or above the province; 404 for an application
     * outside its region; 400 on {@code applicationNos} when none or more than {@value #MAX_ITEMS}; 409
     * {@value #ALREADY_REPORTED} / {@value #NOT_APPROVED}).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamReportView report(List<String> applicationNos) {
        Institution province = levels.requireCentre(RegionCode.Level.PROVINCE, "汇总上报SAM卡申领");
        List<String> nos = distinct(applicationNos, "applicationNos", "申领编号");
        CurrentUser me = SecurityContextUsers.require();
        List<SamApplication> listed = new ArrayList<>();
        for (String no : nos) {
            SamApplication a = applicationService.visible(no);
            if (a.reportNo() != null) {
                throw new ConflictException(ALREADY_REPORTED, "applicationNos", "SAM卡申领 " + no + " 已在上报单 "
                        + a.reportNo() + " 中上报，一份申领只能上报一次");
            }
            if (a.status() != SamApplicationStatus.APPROVED) {
                throw new ConflictException(NOT_APPROVED, "applicationNos", "SAM卡申领 " + no + " 的状态为「"
                        + a.status().nameZh() + "」，只有审核通过的申领可以上报");
            }
            listed.add(a);
        }
        String reportNo = numbers.next(REPORT, province.region().value());
        try {
            // links in key order: two reports of the same applications in opposite order wait, never deadlock
            for (String no : new TreeSet<>(listed.stream().map(SamApplication::applicationNo).toList())) {
                links.reportItem(no, reportNo);
            }
            for (SamApplication a : listed) {
                a.reported(reportNo, clock.instant());
            }
            applications.flush();
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            throw new ConflictException(ALREADY_REPORTED, "applicationNos", "其中有申领刚被上报，一份申领只能上报一次");
        }
        int total = listed.stream().mapToInt(SamApplication::quantity).sum();
        SamReport r = reports.save(new SamReport(reportNo, province.region().value(), province.code(), listed.size(),
                total, me.username(), clock.instant()));
        events.publishEvent(new SamApplicationsReported(reportNo, province.region().value(), nos, total));
        for (SamApplication a : listed) {
            processes.correlate(SamApplicationService.REPORTED_MESSAGE, a.applicationNo(),
                    Map.of("reportNo", reportNo));
        }
        return view(r);
    }

    /**
     * The national centre makes a production plan from reports and orders it from the SAM maker (403 for anyone
     * but a national centre's supervisor; 404 for an unknown report; 400 on {@code makerCode} when it is not an
     * active card maker with a credit code; 409 {@value #MAKER_NOT_FILED} when that code has no SAM filing in force;
     * 409 {@value #ALREADY_PLANNED}).
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public SamPlanView plan(List<String> reportNos, String makerCode) {
        Institution national = levels.requireCentre(RegionCode.Level.NATIONAL, "制定SAM卡制卡计划");
        List<String> nos = distinct(reportNos, "reportNos", "上报单号");
        InstitutionDetails maker = maker(makerCode);
        if (!filed.hasFilingInForce(ProductType.SAM, maker.creditCode())) {
            throw new ConflictException(MAKER_NOT_FILED, "makerCode", "制卡机构 " + maker.name() + "（统一社会信用代码 "
                    + maker.creditCode() + "）没有有效的SAM卡产品备案，不能下单（" + MAKER_NOT_FILED + "）");
        }
        List<SamReport> listed = new ArrayList<>();
        for (String no : nos) {
            SamReport r = reports.findById(no).orElseThrow(() -> new NotFoundException("上报单不存在: " + no));
            if (r.planNo() != null) {
                throw new ConflictException(ALREADY_PLANNED, "reportNos", "上报单 " + no + " 已列入制卡计划 "
                        + r.planNo());
            }
            listed.add(r);
        }
        CurrentUser me = SecurityContextUsers.require();
        String planNo = numbers.next(PLAN, national.region().value());
        List<SamOrder> placed = new ArrayList<>();
        try {
            // links in key order: two plans of the same reports in opposite order wait, never deadlock
            for (String no : new TreeSet<>(listed.stream().map(SamReport::reportNo).toList())) {
                links.planItem(no, planNo);
            }
            for (SamReport r : listed) {
                r.planned(planNo);
                int serial = placed.size();
                for (SamApplication a : applications.findByReportNoOrderByApplicationNo(r.reportNo())) {
                    a.planned(planNo, clock.instant());
                    placed.add(new SamOrder(planNo + "-" + String.format("%03d", ++serial), planNo,
                            a.applicationNo(), maker.code(), r.centreCode(), a.institutionCode(), a.regionCode(),
                            a.quantity(), clock.instant()));
                }
            }
            reports.flush();
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            throw new ConflictException(ALREADY_PLANNED, "reportNos", "其中有上报单刚被列入制卡计划");
        }
        int total = placed.stream().mapToInt(SamOrder::quantity).sum();
        SamPlan p = plans.save(new SamPlan(planNo, national.code(), maker.code(), maker.creditCode(), total,
                me.username(), clock.instant()));
        orders.saveAll(placed);
        events.publishEvent(new SamPlanOrdered(planNo, national.region().value(), maker.code(), maker.creditCode(),
                nos, total));
        for (SamOrder o : placed) {
            processes.correlate(SamApplicationService.PLANNED_MESSAGE, o.applicationNo(), Map.of("planNo", planNo));
        }
        List<String> orderNos = placed.stream().map(SamOrder::orderNo).toList();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sender.sendLater(orderNos);
            }
        });
        return view(p);
    }

    /** A report within the caller's region (the national level sees all); 404 otherwise. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','WAREHOUSE','AUDITOR','ADMIN')")
    public SamReportView report(String reportNo) {
        CurrentUser me = SecurityContextUsers.require();
        return reports.findById(reportNo == null ? "" : reportNo).filter(r -> me.canSee(r.provinceCode()))
                .map(this::view).orElseThrow(() -> new NotFoundException("上报单不存在: " + reportNo));
    }

    /** Reports within the caller's region, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamReportView> reports(int limit) {
        CurrentUser me = SecurityContextUsers.require();
        return reports.within(me.region().scopePrefix(), PageRequest.of(0, Math.max(1, Math.min(limit, 200))))
                .stream().map(this::view).toList();
    }

    /**
     * A plan the caller may see: the national level all; a province or city only a plan holding one of its
     * applications (404 otherwise).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','WAREHOUSE','AUDITOR','ADMIN')")
    public SamPlanView plan(String planNo) {
        SamPlan p = plans.findById(planNo == null ? "" : planNo).filter(this::visible)
                .orElseThrow(() -> new NotFoundException("SAM卡制卡计划不存在: " + planNo));
        return view(p);
    }

    /** Plans the caller may see, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','WAREHOUSE','AUDITOR','ADMIN')")
    public List<SamPlanView> plans(int limit) {
        CurrentUser me = SecurityContextUsers.require();
        return plans.within(me.region().scopePrefix(), PageRequest.of(0, Math.max(1, Math.min(limit, 200))))
                .stream().map(this::view).toList();
    }

    /** The SAM makers the national centre may order from now: active card makers whose code has a SAM filing. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<InstitutionDetails> filedMakers() {
        return institutions.activeCardMakers().stream().filter(m -> m.creditCode() != null
                && filed.hasFilingInForce(ProductType.SAM, m.creditCode())).toList();
    }

    private boolean visible(SamPlan p) {
        CurrentUser me = SecurityContextUsers.require();
        return me.region().level() == RegionCode.Level.NATIONAL || orders.findByPlanNoOrderByOrderNo(p.planNo())
                .stream().anyMatch(o -> me.canSee(o.regionCode()));
    }

    private InstitutionDetails maker(String makerCode) {
        if (makerCode == null || makerCode.isBlank()) {
            throw new DomainValidationException("makerCode", "请选择「SAM卡制卡机构」");
        }
        return institutions.activeCardMakers().stream().filter(m -> m.code().equals(makerCode.strip())).findFirst()
                .filter(m -> m.creditCode() != null && !m.creditCode().isBlank())
                .orElseThrow(() -> new DomainValidationException("makerCode", "「SAM卡制卡机构」" + makerCode
                        + " 不是登记了统一社会信用代码的有效制卡机构"));
    }

    private static List<String> distinct(List<String> given, String field, String label) {
        if (given == null || given.isEmpty()) {
            throw new DomainValidationException(field, "请选择至少一个「" + label + "」");
        }
        if (given.size() > MAX_ITEMS) {
            throw new DomainValidationException(field, "一次最多" + MAX_ITEMS + "个「" + label + "」");
        }
        LinkedHashSet<String> nos = new LinkedHashSet<>();
        for (String no : given) {
            if (no == null || no.isBlank() || no.length() > 40) {
                throw new DomainValidationException(field, "「" + label + "」不正确");
            }
            nos.add(no.strip());
        }
        return List.copyOf(nos);
    }

    private SamReportView view(SamReport r) {
        return new SamReportView(r.reportNo(), r.provinceCode(), r.centreCode(), r.applicationCount(),
                r.totalQuantity(), r.planNo(), r.createdBy(), r.createdAt(),
                applications.findByReportNoOrderByApplicationNo(r.reportNo()).stream()
                        .map(applicationService::view).toList());
    }

    /**
     * A plan as the caller may see it: below the national level only the orders of its region's applications and
     * its own province's reports, and the total of those orders — never another region's applications or institutions.
     */
    private SamPlanView view(SamPlan p) {
        CurrentUser me = SecurityContextUsers.require();
        List<SamOrder> mine = orders.findByPlanNoOrderByOrderNo(p.planNo()).stream()
                .filter(o -> me.canSee(o.regionCode())).toList();
        boolean national = me.region().level() == RegionCode.Level.NATIONAL;
        return new SamPlanView(p.planNo(), p.makerCode(), levels.name(p.makerCode()), p.makerCreditCode(),
                p.status(), national ? p.totalQuantity() : mine.stream().mapToInt(SamOrder::quantity).sum(),
                p.createdBy(), p.createdAt(),
                reports.findByPlanNoOrderByReportNo(p.planNo()).stream().filter(r -> national
                        || r.provinceCode().regionMatches(0, me.region().value(), 0, 2)).map(SamReport::reportNo).toList(),
                mine.stream().map(o -> new SamPlanView.Order(o.orderNo(), o.applicationNo(), o.institutionCode(),
                        o.receiverCode(), o.quantity(), o.status(), o.attempts(), o.batchNo(), o.madeCount(),
                        o.failedCount(), o.shipmentNo())).toList());
    }
}
