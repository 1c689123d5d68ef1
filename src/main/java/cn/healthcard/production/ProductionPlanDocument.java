package cn.healthcard.production;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionPlans.BatchView;
import cn.healthcard.production.ProductionPlans.GroupView;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.report.ReportService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The production plan's printed form (制卡计划, {@code reports/production-plan.html}, APP-08, BPM-06). */
@Service
public class ProductionPlanDocument {

    public static final String TEMPLATE = "production-plan";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final Map<String, String> PLAN_STATUS = Map.of("DRAFT", "待提交", "SUBMITTED", "已提交",
            "DISCARDED", "已作废");
    private static final Map<String, String> BATCH_STATUS = Map.of("RELEASED", "已下发", "RECEIVED", "已接收",
            "IN_PRODUCTION", "制卡中", "FINISHED", "制卡完成", "SEALED", "已封箱");

    private final ProductionPlans plans;
    private final InstitutionService institutions;
    private final ReportService reports;
    private final Clock clock;

    ProductionPlanDocument(ProductionPlans plans, InstitutionService institutions, ReportService reports,
                           Clock clock) {
        this.plans = plans;
        this.institutions = institutions;
        this.reports = reports;
        this.clock = clock;
    }

    /** The plan as a PDF, for whoever may see it (its region and above). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','AUDITOR')")
    public byte[] pdf(String planNo) {
        PlanView plan = plans.plan(planNo);
        List<BatchView> batches = plans.batches(planNo, null, null, null, null, null, null);
        Map<String, String> v = new HashMap<>();
        v.put("generatedAt", time(clock.instant()));
        v.put("planNo", plan.planNo());
        v.put("statusName", PLAN_STATUS.getOrDefault(plan.status(), plan.status()));
        v.put("centreName", institutions.get(plan.centreCode()).name() + "（" + plan.centreCode() + "）");
        v.put("regionCode", region(plan.regionCode()));
        v.put("createdBy", plan.createdBy());
        v.put("createdAt", time(plan.createdAt()));
        v.put("submittedBy", plan.submittedBy() == null ? "—" : plan.submittedBy());
        v.put("submittedAt", plan.submittedAt() == null ? "—" : time(plan.submittedAt()));
        v.put("cardCount", String.valueOf(plan.cardCount()));
        v.put("batchCount", String.valueOf(batches.size()));
        List<Map<String, String>> groups = new ArrayList<>();
        int no = 1;
        for (GroupView g : plan.groups()) {
            groups.add(Map.of("no", String.valueOf(no++), "region", region(g.regionCode()),
                    "maker", institutions.get(g.makerCode()).name() + "（" + g.makerCode() + "）",
                    "count", String.valueOf(g.cardCount())));
        }
        List<Map<String, String>> rows = batches.stream().map(b -> Map.of("batchNo", b.batchNo(), "maker",
                institutions.get(b.makerCode()).name() + "（" + b.makerCode() + "）", "region", region(b.regionCode()), "count", String.valueOf(b.cardCount()), "file",
                b.dataFileName(), "status", BATCH_STATUS.getOrDefault(b.status(), b.status()))).toList();
        return reports.document(TEMPLATE, v, Map.of("groups", groups, "batches", rows));
    }

    /** A region by its name in the region table, with its code: 新城区（150102）. */
    private static String region(String code) {
        return cn.healthcard.common.CodeTables.regions().name(code).map(n -> n + "（" + code + "）").orElse(code);
    }

    private static String time(Instant t) {
        return t.atZone(ChinaTime.ZONE).format(TIME);
    }
}
