package cn.healthcard.supervision.monthly;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.institution.CentreLevel;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.monthly.MonthlyReportEvents.MonthlyReportDownloaded;
import cn.healthcard.supervision.monthly.MonthlyReportEvents.MonthlyReportGenerated;
import cn.healthcard.supervision.monthly.MonthlyReportEvents.MonthlyReportPublished;
import cn.healthcard.supervision.monthly.MonthlyReportEvents.MonthlyReportReviewed;
import cn.healthcard.supervision.monthly.MonthlyReportEvents.MonthlyReportsOpened;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.common.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The monthly statistics reports (BPM-06, STAT-01; {@code processes/monthly-report.bpmn}, decision 037). On the 1st
 * the timer opens the month before for every registration centre's region (national, provincial, city): one
 * {@code monthly_report} row per region and month (a replay opens nothing twice) and one case each. The case renders
 * the PDF from the supervision statistics of the region's scope, a supervisor <em>of that region</em> reviews it
 * (approve publishes it, send back renders it again with the comment printed as a note), and it is listed for
 * download. Who sees what: published reports of one's region and those below (ORG-05); a report not yet published
 * only by the supervisors of its own region. Every download is audited.
 */
@Service
public class MonthlyReports {

    public static final String PROCESS_KEY = "monthly-report";
    public static final String REVIEW_TASK = "reviewMonthlyReport";
    public static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("YB", "monthly_report_no_seq", 6);
    /** The message that starts one region's case of {@link #PROCESS_KEY} (its other start is the timer). */
    public static final String OPENED_MESSAGE = "MonthlyReportOpened";
    /** The process variable with the report's month ({@code yyyy-MM}). */
    public static final String MONTH_VARIABLE = "month";

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern SM3 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final YearMonth FIRST = YearMonth.of(2000, 1);
    private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

    private final MonthlyReportStore store;
    private final MonthlyReportDocument document;
    private final InstitutionService institutions;
    private final CaseNumbers numbers;
    private final CaseTasks tasks;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CryptoPort crypto;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate perRegion;

    MonthlyReports(MonthlyReportStore store, MonthlyReportDocument document, InstitutionService institutions,
                   CaseNumbers numbers, CaseTasks tasks, ProcessGateway processes, TaskInboxService inbox,
                   CryptoPort crypto, ApplicationEventPublisher events, Clock clock,
                   PlatformTransactionManager transactions) {
        this.store = store;
        this.document = document;
        this.institutions = institutions;
        this.numbers = numbers;
        this.tasks = tasks;
        this.processes = processes;
        this.inbox = inbox;
        this.crypto = crypto;
        this.events = events;
        this.clock = clock;
        this.perRegion = new TransactionTemplate(transactions);
        this.perRegion.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The month the timer opens: the China month before today's. */
    public YearMonth dueMonth() {
        return YearMonth.now(clock.withZone(ChinaTime.ZONE)).minusMonths(1);
    }

    /**
     * A month as clients write it ({@code 2026-11}): 400 naming {@code month} when absent, malformed, before 2000 or not
     * yet over (China time).
     */
    public YearMonth month(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new DomainValidationException(MONTH_VARIABLE, "请填写「统计月份」(yyyy-MM)");
        }
        if (raw.length() > 7 || !MONTH.matcher(raw.trim()).matches()) {
            throw new DomainValidationException(MONTH_VARIABLE, "「统计月份」应为 yyyy-MM，如 2026-11");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new DomainValidationException(MONTH_VARIABLE, "「统计月份」应为 yyyy-MM，如 2026-11");
        }
        if (month.isBefore(FIRST) || !month.isBefore(YearMonth.now(clock.withZone(ChinaTime.ZONE)))) {
            throw new DomainValidationException(MONTH_VARIABLE, "「统计月份」应为已结束的月份（2000-01 至上月）");
        }
        return month;
    }

    /**
     * Opens the month for every registration centre's region in the caller's scope (a regional ADMIN opens only the
     * regions it covers; SYSTEM is national) that has no report of it yet, and starts each one's case. Each region is
     * opened in its own transaction: a region that fails is logged and reported in {@link Opened#failed()} while the
     * others go on, and a report a concurrent catch-up inserted first (the unique key of region and month) counts as
     * existing. Idempotent: a region and month that have a report are left alone (decision 037).
     */
    @PreAuthorize("hasAnyRole('SYSTEM','ADMIN')")
    public Opened open(YearMonth month) {
        if (month == null || month.isBefore(FIRST) || !month.isBefore(YearMonth.now(clock.withZone(ChinaTime.ZONE)))) {
            throw new DomainValidationException(MONTH_VARIABLE, "「统计月份」应为已结束的月份（2000-01 至上月）");
        }
        String m = month.toString();
        CurrentUser user = SecurityContextUsers.require();
        String by = user.username();
        List<String> opened = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int existing = 0;
        for (String region : centreRegions()) {
            if (!user.canSee(region)) {
                continue; // a regional ADMIN creates no work in other regions
            }
            try {
                String reportNo = perRegion.execute(status -> openRegion(region, m, by));
                if (reportNo == null) {
                    existing++;
                } else {
                    opened.add(reportNo);
                }
            } catch (DuplicateKeyException raced) {
                existing++; // a concurrent catch-up opened it first
            } catch (RuntimeException e) {
                log.error("月度报告 {} 地区 {} 开启失败，其他地区继续；重试或补开只开启缺少的地区", m, region, e);
                failed.add(region);
            }
        }
        // audited in a transaction of its own: committed even when the timer's job then fails for the retry
        int existingCount = existing;
        perRegion.executeWithoutResult(status -> events.publishEvent(new MonthlyReportsOpened(m, opened.size(),
                existingCount, List.copyOf(failed), by)));
        return new Opened(m, List.copyOf(opened), List.copyOf(failed));
    }

    /** One region's report and case, in the caller's (new) transaction; {@code null} when it exists already. */
    private String openRegion(String region, String m, String by) {
        if (store.exists(region, m)) {
            return null;
        }
        String reportNo = numbers.next(NUMBER, region);
        store.insert(reportNo, region, m, by, clock.instant());
        processes.startByMessage(OPENED_MESSAGE, reportNo, Map.of(
                TaskInboxService.REGION_CODE, region,
                TaskInboxService.APPLICANT_NAME, MonthlyReportStore.regionName(region) + " " + m + " 月度报告",
                MONTH_VARIABLE, m));
        return reportNo;
    }

    /** What {@link #open} did: the report numbers opened now and the regions that failed (opened on a retry). */
    public record Opened(String month, List<String> opened, List<String> failed) {
    }

    /** The regions of the registration centres: national, provincial and city (sorted, each once). */
    private List<String> centreRegions() {
        TreeSet<String> regions = new TreeSet<>();
        for (Institution i : institutions.within(RegionCode.NATIONAL)) {
            if (i.kind() == InstitutionKind.REGISTRATION_CENTRE && CentreLevel.of(i.region()).isPresent()) {
                regions.add(i.region().value());
            }
        }
        return List.copyOf(regions);
    }

    /** BPMN generateMonthlyReport: renders the PDF (again after a send-back, printing the comment as a note). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void generate(String reportNo) {
        MonthlyReport r = store.lock(reportNo).orElseThrow(() -> notFound(reportNo));
        if (r.status() == MonthlyReport.Status.PUBLISHED) {
            return; // a late retry of a published report changes nothing
        }
        MonthlyReportDocument.Figures figures = document.figures(r.regionCode(), YearMonth.parse(r.month()));
        byte[] pdf = document.render(r, figures, r.reviewComment());
        String sm3 = HexFormat.of().formatHex(crypto.sm3(pdf));
        store.generated(reportNo, pdf, sm3, figures.summary(), clock.instant());
        events.publishEvent(new MonthlyReportGenerated(reportNo, r.regionCode(), r.month(), r.generation() + 1, sm3));
    }

    /** The report behind a review task (404 for a task one may not see, 409 for another step's). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SUPERVISOR')")
    public MonthlyReport reviewFor(String taskId) {
        MonthlyReport r = get(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey());
        requireOwnRegion(r);
        return r;
    }

    /**
     * The review by a supervisor of the report's own region (403 for any other, also of a region above): APPROVE
     * publishes, RETURN (with a comment) renders it again. There is no rejection (400 on {@code decision}). The
     * report must be waiting for review (409 {@code NOT_AT_STEP} otherwise), and when {@code viewedSm3} is given (the
     * SM3 of the PDF the reviewer read) it must be the current PDF's (409 {@code REPORT_CHANGED} otherwise), so an
     * approval never publishes a PDF nobody reviewed.
     */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public MonthlyReport review(String taskId, Review review, String viewedSm3) {
        if (review.outcome() == Review.Outcome.REJECT) {
            throw new DomainValidationException("decision", "月度报告只能通过或退回重新生成");
        }
        if (viewedSm3 != null && !viewedSm3.isBlank() && !SM3.matcher(viewedSm3).matches()) {
            throw new DomainValidationException("sm3", "「报告SM3」应为64位十六进制");
        }
        MonthlyReport r = store.lock(tasks.require(taskId, PROCESS_KEY, REVIEW_TASK).businessKey())
                .orElseThrow(() -> new NotFoundException("月度报告不存在"));
        CurrentUser reviewer = requireOwnRegion(r);
        if (r.status() != MonthlyReport.Status.REVIEW) {
            throw new ConflictException("NOT_AT_STEP", "月度报告 " + r.reportNo() + " 当前不在「月度报告审核」环节");
        }
        if (viewedSm3 != null && !viewedSm3.isBlank() && !viewedSm3.equalsIgnoreCase(r.sm3())) {
            throw new ConflictException("REPORT_CHANGED", "sm3", "月度报告已重新生成，请重新查看PDF后再审核");
        }
        boolean approved = review.approved();
        store.reviewed(r.reportNo(), approved ? MonthlyReport.Status.REVIEW : MonthlyReport.Status.OPEN,
                approved ? r.reviewComment() : review.reason(), reviewer.username());
        events.publishEvent(new MonthlyReportReviewed(r.reportNo(), r.regionCode(), review.outcome().code(),
                review.reason()));
        inbox.complete(taskId, review.variables());
        return get(r.reportNo());
    }

    /** The review addressed by report (REST): the open review task, else 409 {@code NOT_AT_STEP}. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public MonthlyReport reviewReport(String reportNo, Review review, String viewedSm3) {
        MonthlyReport r = visible(reportNo);
        requireOwnRegion(r);
        return review(tasks.requireAt(reportNo, List.of(PROCESS_KEY), REVIEW_TASK, "月度报告审核").taskId(), review,
                viewedSm3);
    }

    /** BPMN publishMonthlyReport: the approved report is listed for everyone in scope. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void publish(String reportNo) {
        MonthlyReport r = store.lock(reportNo).orElseThrow(() -> notFound(reportNo));
        if (r.status() == MonthlyReport.Status.PUBLISHED) {
            return;
        }
        store.published(reportNo, r.reviewedBy(), clock.instant());
        events.publishEvent(new MonthlyReportPublished(reportNo, r.regionCode(), r.month(), r.sm3()));
    }

    /**
     * The reports the caller may see, newest month first; of one month when {@code month} is given (validated like
     * {@link #month}).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<MonthlyReport> list(String month) {
        String m = month == null || month.isBlank() ? null : month(month).toString();
        CurrentUser user = SecurityContextUsers.require();
        String prefix = user.region().scopePrefix();
        return store.within(low(prefix), high(prefix), m).stream().filter(r -> mayRead(user, r)).toList();
    }

    /** One report the caller may see (404 otherwise, also for a draft of another region). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public MonthlyReport visible(String reportNo) {
        MonthlyReport r = get(reportNo);
        if (!mayRead(SecurityContextUsers.require(), r)) {
            throw notFound(reportNo);
        }
        return r;
    }

    /** The PDF of a report the caller may see, audited ({@code MonthlyReportDownloaded}). */
    @Transactional
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public ReportFile pdf(String reportNo) {
        MonthlyReport r = visible(reportNo);
        byte[] bytes = store.pdf(r.reportNo()).orElseThrow(() -> new NotFoundException("月度报告尚未生成: " + reportNo));
        events.publishEvent(new MonthlyReportDownloaded(r.reportNo(), r.regionCode(), r.status().name(), r.sm3()));
        return new ReportFile(r.fileName(), r.sm3(), bytes);
    }

    /** A PDF to hand out. */
    public record ReportFile(String fileName, String sm3, byte[] content) {
    }

    /** Whether the user may read the report: in scope, and published or the user a supervisor of its region. */
    static boolean mayRead(CurrentUser user, MonthlyReport r) {
        if (!user.canSee(r.regionCode())) {
            return false;
        }
        return r.status() == MonthlyReport.Status.PUBLISHED || ownRegionSupervisor(user, r);
    }

    private static boolean ownRegionSupervisor(CurrentUser user, MonthlyReport r) {
        return user.has(Role.SUPERVISOR) && user.region().value().equals(r.regionCode());
    }

    private static CurrentUser requireOwnRegion(MonthlyReport r) {
        CurrentUser user = SecurityContextUsers.require();
        if (!ownRegionSupervisor(user, r)) {
            throw new AccessDeniedException("只有" + r.regionName() + "的审核员可以审核本地区的月度报告");
        }
        return user;
    }

    private MonthlyReport get(String reportNo) {
        if (reportNo == null || reportNo.length() > 32) {
            throw notFound(String.valueOf(reportNo));
        }
        return store.find(reportNo).orElseThrow(() -> notFound(reportNo));
    }

    private static NotFoundException notFound(String reportNo) {
        return new NotFoundException("月度报告不存在: " + (reportNo.length() > 32 ? reportNo.substring(0, 32) : reportNo));
    }

    private static String low(String prefix) {
        return (prefix + "000000").substring(0, 6);
    }

    private static String high(String prefix) {
        return (prefix + "999999").substring(0, 6);
    }
}
