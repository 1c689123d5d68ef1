package cn.healthcard.supervision.export;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.CaseCount;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.OverviewRow;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.Series;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.UsageRow;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A statistics service with known rows for the export tests: three issuing rows, 25 000 signed-for cases (slowly, a
 * page at a time, so a test sees the progress rise), and the checks of the real one that an export relies on — a
 * signed-in caller (a background job runs as its user), the date order, and the region scope.
 */
class FakeSupervisionStatistics implements SupervisionStatistics {

    static final int SIGNED_CASES = 25_000;
    /** UNSIGNED: one case more than an export may list. */
    static final int UNSIGNED_CASES = SupervisionExports.MAX_AUDITED_CASES + 1;

    static final List<IssuingRow> ISSUING = List.of(
            new IssuingRow("2026-12", "110105", "朝阳区", "BJ-110105", "北京市朝阳区发卡点", 120, 110, 105, 100, 5),
            new IssuingRow("2026-12", "110108", "海淀区", "BJ-110108", "=HYPERLINK(\"x\")", 30, 30, 29, 29, 0),
            new IssuingRow("2026-12", "110101", "东城区", "BJ-110101", "北京市东城区发卡点", 7, 0, 0, 0, 0));

    @Override
    public List<ProductionRow> production(StatisticsFilter filter) {
        scope(filter);
        return List.of();
    }

    @Override
    public List<IssuingRow> issuing(StatisticsFilter filter) {
        scope(filter);
        return ISSUING;
    }

    @Override
    public List<UsageRow> usage(StatisticsFilter filter) {
        scope(filter);
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            rows.add(new UsageRow("2026-12-01", "110105", "MI-" + i, "医院" + i, "REGISTRATION", i % 7, i % 3));
        }
        return rows;
    }

    @Override
    public List<AssessmentRow> assessment(StatisticsFilter filter) {
        scope(filter);
        return List.of();
    }

    @Override
    public List<OverviewRow> overview(StatisticsFilter filter) {
        scope(filter);
        return List.of(new OverviewRow("CARDS", "NORMAL", "正常", 3));
    }

    @Override
    public List<OverviewRow> applicationCategories(StatisticsFilter filter) {
        scope(filter);
        return List.of();
    }

    @Override
    public List<Series> series(Measure measure, StatisticsFilter filter) {
        scope(filter);
        return List.of();
    }

    @Override
    public List<CaseRow> cases(Measure measure, StatisticsFilter filter, int page, int size) {
        scope(filter);
        if (size < 1 || size > 200) {
            throw new DomainValidationException("size", "「size」应为 1 到 200");
        }
        if (measure == Measure.OVERDUE) {
            throw new OutOfMemoryError("Java heap space (simulated at /srv/secret/path)");
        }
        if (measure == Measure.HANDLED) {
            throw new org.springframework.dao.DataRetrievalFailureException("SELECT secret_column FROM secret_table");
        }
        long total = countCases(measure, filter);
        List<CaseRow> rows = new ArrayList<>();
        for (long i = (long) page * size; i < Math.min(total, (long) (page + 1) * size); i++) {
            rows.add(caseRow(i));
        }
        try {
            Thread.sleep(4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rows;
    }

    static CaseRow caseRow(long i) {
        return new CaseRow(caseNo(i), "APPLICATION", "110105", "BJ-110105", "张*" + (i % 10), "SIGNED",
                LocalDate.of(2026, 12, 1).plusDays(i % 7));
    }

    static String caseNo(long i) {
        return String.format("SQ11010520261201%06d", i);
    }

    @Override
    public long countCases(Measure measure, StatisticsFilter filter) {
        scope(filter);
        return measure == Measure.SIGNED ? SIGNED_CASES : measure == Measure.UNSIGNED ? UNSIGNED_CASES : 3;
    }

    @Override
    public CaseCount countCasesCapped(Measure measure, StatisticsFilter filter) {
        return CaseCount.of(countCases(measure, filter));
    }

    @Override
    public Dashboard dashboard() {
        SecurityContextUsers.require();
        return new Dashboard(0, 0, 0, 0, 0);
    }

    private static void scope(StatisticsFilter filter) {
        CurrentUser user = SecurityContextUsers.require();
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw new DomainValidationException("to", "「to」不能早于「from」");
        }
        if (filter.regionCode() != null && !user.canSee(filter.regionCode())) {
            throw new AccessDeniedException("「regionCode」不在您的管辖范围内");
        }
    }
}
