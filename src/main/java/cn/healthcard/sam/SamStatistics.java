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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The SAM application supervision queries (SAM-05 4.3.5.3, STAT-01 SAM counts): state changes and usage by period,
 * region (the caller's or one below it), institution and scenario. Usage is counted against the SAM bound to the
 * terminal at the time of each use: card uses through the binding history ({@code sam_binding}), e-card verifications
 * through the SAM their counter row was taken with, split by scene (decision 030 amended: read-only SQL over those
 * tables; verification counters are written every 5 s).
 */
@Service
public class SamStatistics {

    /** The measure prefix of e-card verifications ({@code EHC_VERIFICATION:<scene>}); as a scenario filter: all. */
    public static final String VERIFICATION = "EHC_VERIFICATION";

    /**
     * The card-use scenarios (as {@code CardUseService.SCENARIOS}; the card module is not a dependency of this one,
     * {@code SamIT} keeps the two equal). A scenario filter applies to card uses of that scenario and to
     * verifications of the e-card {@link cn.healthcard.ehc.Scene} of that name: INPATIENT exists only for card uses,
     * RECORD_QUERY only for verifications, UNKNOWN only for verifications counted before V35.
     */
    public static final java.util.Set<String> USE_SCENARIOS = java.util.Set.of("REGISTRATION", "CONSULTATION",
            "EXAMINATION", "PHARMACY", "SETTLEMENT", "INPATIENT", "PUBLIC_HEALTH", "OTHER");

    /** Every code the scenario filter accepts: card-use scenarios, e-card scenes, UNKNOWN and {@value #VERIFICATION}. */
    static final java.util.Set<String> SCENARIOS = scenarios();

    private static java.util.Set<String> scenarios() {
        java.util.Set<String> all = new java.util.HashSet<>(USE_SCENARIOS);
        for (cn.healthcard.ehc.Scene scene : cn.healthcard.ehc.Scene.values()) {
            all.add(scene.name());
        }
        all.add("UNKNOWN");
        all.add(VERIFICATION);
        return java.util.Set.copyOf(all);
    }
    /** The measure prefix of card uses ({@code USE:<scenario>}). */
    public static final String USE = "USE:";
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
        if (scenario != null && !SCENARIOS.contains(scenario)) {
            throw new DomainValidationException("scenario", "「使用场景」应为 "
                    + String.join("/", new java.util.TreeSet<>(SCENARIOS)));
        }
        var fromTs = LocalDateTime.ofInstant(start.atStartOfDay(ChinaTime.ZONE).toInstant(), ZoneOffset.UTC);
        var toTs = LocalDateTime.ofInstant(end.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant(), ZoneOffset.UTC);
        List<SamUsageStats.Row> rows = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(fromTs, toTs, prefix + "%"));
        String sql = "SELECT institution_code, action, COUNT(*) FROM sam_state_change"
                + " WHERE changed_at >= ? AND changed_at < ? AND region_code LIKE ?";
        if (institution != null) {
            sql += " AND institution_code = ?";
            args.add(institution);
        }
        jdbc.query(sql + " GROUP BY institution_code, action ORDER BY institution_code, action",
                rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), null, rs.getString(2), rs.getLong(3))); },
                args.toArray());
        if (scenario == null || !scenario.equals(VERIFICATION)) {
            args = new ArrayList<>(List.of(fromTs, toTs, prefix + "%"));
            // against the SAM bound to the use's terminal at the time of the use: its BIND or REBIND onto that
            // terminal before the use, with no later binding change of that SAM before the use; scoped by the region
            // of the institution where the card was used, not by where the SAM is kept
            sql = "SELECT u.institution_code, b.sam_no, u.scenario, COUNT(*) FROM card_use u JOIN sam_binding b"
                    + " ON b.terminal_no = u.terminal_id AND b.action IN ('BIND', 'REBIND') AND b.done_at <= u.used_at"
                    + " JOIN institution i ON i.code = u.institution_code"
                    + " WHERE u.used_at >= ? AND u.used_at < ? AND i.region_code LIKE ?"
                    + " AND NOT EXISTS (SELECT 1 FROM sam_binding n WHERE n.sam_no = b.sam_no AND n.id > b.id"
                    + " AND n.done_at <= u.used_at)";
            if (institution != null) {
                sql += " AND u.institution_code = ?";
                args.add(institution);
            }
            if (scenario != null) {
                sql += " AND u.scenario = ?";
                args.add(scenario);
            }
            jdbc.query(sql + " GROUP BY u.institution_code, b.sam_no, u.scenario"
                            + " ORDER BY u.institution_code, b.sam_no, u.scenario",
                    rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), rs.getString(2),
                            USE + rs.getString(3), rs.getLong(4))); }, args.toArray());
        }
        args = new ArrayList<>(List.of(start, end, prefix + "%"));
        // verifications that went through (refusals such as SAM_FROZEN are not uses), per scene, against the SAM that
        // was bound to the terminal when the verification was counted, in the verification's region
        sql = "SELECT institution_code, sam_no, scene, SUM(verifications) FROM ehc_verification_count"
                + " WHERE count_date BETWEEN ? AND ? AND region_code LIKE ? AND outcome = 'VERIFIED'"
                + " AND sam_no <> '-'";
        if (institution != null) {
            sql += " AND institution_code = ?";
            args.add(institution);
        }
        if (scenario != null && !scenario.equals(VERIFICATION)) {
            sql += " AND scene = ?";
            args.add(scenario);
        }
        jdbc.query(sql + " GROUP BY institution_code, sam_no, scene ORDER BY institution_code, sam_no, scene",
                rs -> { rows.add(new SamUsageStats.Row(rs.getString(1), rs.getString(2),
                        VERIFICATION + ":" + rs.getString(3), rs.getLong(4))); }, args.toArray());
        return new SamUsageStats(start, end, List.copyOf(rows));
    }

    /** The same rows as a CSV or Excel file (audited). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public byte[] export(Filter filter, boolean excel) {
        SamUsageStats stats = usage(filter);
        TableExport<SamUsageStats.Row> table = TableExport.<SamUsageStats.Row>sheet("SAM卡应用监管")
                .text("机构", SamUsageStats.Row::institutionCode)
                .text("SAM卡号", r -> r.samNo() == null ? "" : r.samNo())
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
            default -> measure.startsWith(USE) ? "用卡（" + measure.substring(USE.length()) + "）"
                    : measure.startsWith(VERIFICATION + ":")
                    ? "电子健康卡核验（" + measure.substring(VERIFICATION.length() + 1) + "）" : measure;
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
