package cn.healthcard.sam;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.report.TableExport;
import cn.healthcard.sam.SamEvents.SamStatisticsExported;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The SAM application supervision queries (SAM-05 4.3.5.3, STAT-01 SAM counts): state changes and usage by period,
 * region (the caller's or one below it), institution and scenario. Usage reads the card-use rows and the e-card
 * verification counters of terminals that have a SAM bound now (decision 030: read-only SQL over those two tables;
 * verification counters are written every 5 s).
 */
@Service
public class SamStatistics {

    public static final String VERIFICATION = "EHC_VERIFICATION";
    private static final int MAX_DAYS = 366;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamStatistics(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The filter; all optional (period: today; region: the caller's). */
    public record Filter(LocalDate from, LocalDate to, String regionCode, String institutionCode, String scenario) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public SamUsageStats usage(Filter filter) {
        Filter f = filter == null ? new Filter(null, null, null, null, null) : filter;
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate start = f.from() == null ? (f.to() == null ? today : f.to()) : f.from();
        LocalDate end = f.to() == null ? (f.from() == null ? today : f.from()) : f.to();
        if (end.isBefore(start)) {
            throw new DomainValidationException("to", "「截止日期」不能早于「起始日期」");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new DomainValidationException("to", "统计期间最长366天");
        }
        String prefix = scope(f.regionCode());
        String institution = blank(f.institutionCode());
        if (institution != null && institution.length() > 32) {
            throw new DomainValidationException("institutionCode", "「机构」最多32个字符");
        }
        String scenario = blank(f.scenario());
        if (scenario != null && !scenario.matches("[A-Z_]{1,32}")) {
            throw new DomainValidationException("scenario", "「使用场景」应为场景代码，例如 REGISTRATION");
        }
        var fromTs = java.sql.Timestamp.from(start.atStartOfDay(ChinaTime.ZONE).toInstant());
        var toTs = java.sql.Timestamp.from(end.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant());
        List<SamUsageStats.Row> rows = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(fromTs, toTs, prefix + "%"));
        String sql = "SELECT institution_code, action, COUNT(*) FROM sam_state_change"
                + " WHERE changed_at >= ? AND changed_at < ? AND region_code LIKE ?";
        if (institution != null) {
            sql += " AND institution_code = ?";
            args.add(institution);
        }
        jdbc.query(sql + " GROUP BY institution_code, action ORDER BY institution_code, action",
                rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), rs.getString(2), rs.getLong(3))); },
                args.toArray());
        if (scenario == null || !scenario.equals(VERIFICATION)) {
            args = new ArrayList<>(List.of(fromTs, toTs, prefix + "%"));
            // scoped by the region of the institution where the card was used, not by where the SAM is kept
            sql = "SELECT u.institution_code, u.scenario, COUNT(*) FROM card_use u JOIN sam_card s"
                    + " ON s.terminal_no = u.terminal_id JOIN institution i ON i.code = u.institution_code"
                    + " WHERE u.used_at >= ? AND u.used_at < ? AND i.region_code LIKE ?";
            if (institution != null) {
                sql += " AND u.institution_code = ?";
                args.add(institution);
            }
            if (scenario != null) {
                sql += " AND u.scenario = ?";
                args.add(scenario);
            }
            jdbc.query(sql + " GROUP BY u.institution_code, u.scenario ORDER BY u.institution_code, u.scenario",
                    rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), "USE:" + rs.getString(2),
                            rs.getLong(3))); }, args.toArray());
        }
        if (scenario == null || scenario.equals(VERIFICATION)) {
            args = new ArrayList<>(List.of(start, end, prefix + "%"));
            // verifications that went through (refusals such as SAM_FROZEN are not uses), in the verification's region
            sql = "SELECT v.institution_code, SUM(v.verifications) FROM ehc_verification_count v JOIN sam_card s"
                    + " ON s.terminal_no = v.terminal_id WHERE v.count_date BETWEEN ? AND ? AND v.region_code LIKE ?"
                    + " AND v.outcome = 'VERIFIED'";
            if (institution != null) {
                sql += " AND v.institution_code = ?";
                args.add(institution);
            }
            jdbc.query(sql + " GROUP BY v.institution_code ORDER BY v.institution_code",
                    rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), VERIFICATION, rs.getLong(2))); },
                    args.toArray());
        }
        return new SamUsageStats(start, end, List.copyOf(rows));
    }

    /** The same rows as a CSV or Excel file (audited). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public byte[] export(Filter filter, boolean excel) {
        SamUsageStats stats = usage(filter);
        TableExport<SamUsageStats.Row> table = TableExport.<SamUsageStats.Row>sheet("SAM卡应用监管")
                .text("机构", SamUsageStats.Row::institutionCode)
                .text("指标", r -> measureName(r.measure()))
                .number("数量", SamUsageStats.Row::count);
        events.publishEvent(new SamStatisticsExported(excel ? "XLSX" : "CSV", stats.rows().size(),
                SecurityContextUsers.require().region().value()));
        return excel ? table.xlsx(stats.rows()) : table.csv(stats.rows());
    }

    /** A measure in Chinese (for the table and the export). */
    public static String measureName(String measure) {
        return switch (measure) {
            case "FREEZE" -> "冻结";
            case "UNFREEZE" -> "解冻";
            case "CANCEL" -> "注销";
            case "URGENT_FREEZE" -> "紧急冻结";
            case "URGENT_LIFTED" -> "紧急冻结撤销";
            case VERIFICATION -> "电子健康卡核验";
            default -> measure.startsWith("USE:") ? "用卡（" + measure.substring(4) + "）" : measure;
        };
    }

    private static String scope(String regionCode) {
        CurrentUser user = SecurityContextUsers.require();
        if (regionCode == null || regionCode.isBlank()) {
            return user.region().scopePrefix();
        }
        RegionCode region;
        try {
            region = RegionCode.of(regionCode.strip());
        } catch (RuntimeException e) {
            throw new DomainValidationException("regionCode", "「行政区划」应为6位代码");
        }
        if (!user.region().covers(region)) {
            throw new DomainValidationException("regionCode", "「行政区划」不在您的管辖范围内");
        }
        return region.scopePrefix();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
