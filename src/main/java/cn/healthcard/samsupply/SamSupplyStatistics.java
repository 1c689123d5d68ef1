package cn.healthcard.samsupply;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SAM supervision (SAM-05, seeds 4.3.5.1 and 4.3.5.2; decision 031) as queries a chart can use: rows of plain numbers
 * per day and maker (ordered, made, failed, still open, progress and success rate), per day, region and institution
 * (issued, signed for, not signed for). Scoped to the caller's region; dates are China dates, at most 366 days.
 * The database sums (GROUP BY over {@code sam_order} and the SAM shipments of {@code shipment}, read-only SQL like the
 * other reporting queries): nothing is loaded row by row, however many orders and shipments a region has.
 */
@Service
public class SamSupplyStatistics {

    public static final int MAX_DAYS = 366;

    private final JdbcTemplate jdbc;
    private volatile String chinaDaySql;

    SamSupplyStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * 4.3.5.1 per order date and maker: applied (ordered), made, failed (personalisation), open (not answered yet),
     * orderFailed (orders given up: a refused answer, attempts used up, the maker's filing gone); progress and success
     * rate in %.
     */
    public record ProductionRow(LocalDate date, String makerCode, String makerName, int applied, int made,
                                int failed, int open, int orderFailed, double progressPercent,
                                double successPercent) {
    }

    /** 4.3.5.2 per warehouse-out date, region and institution: issued, signed for, not signed for. */
    public record IssuingRow(LocalDate date, String regionCode, String institutionCode, String institutionName,
                             int issued, int signedFor, int notSignedFor) {
    }

    /** The filter: China dates (inclusive), and optionally one maker / region / institution. */
    public record Filter(LocalDate from, LocalDate to, String makerCode, String regionCode, String institutionCode) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<ProductionRow> production(Filter filter) {
        List<Object> args = new ArrayList<>(range(filter));
        String day = chinaDay("o.ordered_at");
        StringBuilder sql = new StringBuilder("SELECT " + day + " d, o.maker_code, i.name, SUM(o.quantity), "
                + "SUM(o.made_count), SUM(o.failed_count), "
                + "SUM(CASE WHEN o.status IN ('ORDERED', 'SENDING') THEN o.quantity ELSE 0 END), "
                + "SUM(CASE WHEN o.status = 'FAILED' THEN o.quantity ELSE 0 END) FROM sam_order o "
                + "LEFT JOIN institution i ON i.code = o.maker_code WHERE o.ordered_at >= ? AND o.ordered_at < ?");
        scope(sql, args, "o.region_code", filter.regionCode());
        if (filter.makerCode() != null) {
            sql.append(" AND o.maker_code = ?");
            args.add(filter.makerCode());
        }
        if (filter.institutionCode() != null) {
            sql.append(" AND o.institution_code = ?");
            args.add(filter.institutionCode());
        }
        sql.append(" GROUP BY ").append(day).append(", o.maker_code, i.name ORDER BY 1, 2");
        return jdbc.query(sql.toString(), (rs, i) -> {
            int applied = rs.getInt(4);
            int made = rs.getInt(5);
            int failed = rs.getInt(6);
            int orderFailed = rs.getInt(8);
            return new ProductionRow(date(rs), rs.getString(2), name(rs, 2), applied, made, failed,
                    rs.getInt(7), orderFailed, percent(made + failed + orderFailed, applied),
                    percent(made, made + failed));
        }, args.toArray());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<IssuingRow> issuing(Filter filter) {
        List<Object> args = new ArrayList<>(range(filter));
        String day = chinaDay("s.created_at");
        // the warehouse-out to an institution (CENTRE_TO_INST) issues SAMs; what the receipt counted in is signed for
        StringBuilder sql = new StringBuilder("SELECT " + day + " d, s.receiver_region, s.receiver_code, i.name, "
                + "SUM(s.card_count), SUM(CASE WHEN s.status = 'RECEIVED' AND s.received_count IS NOT NULL "
                + "THEN s.received_count ELSE 0 END) FROM shipment s"
                + " LEFT JOIN institution i ON i.code = s.receiver_code WHERE s.item_kind = 'SAM'"
                + " AND s.kind = 'CENTRE_TO_INST' AND s.created_at >= ? AND s.created_at < ?");
        scope(sql, args, "s.receiver_region", filter.regionCode());
        if (filter.institutionCode() != null) {
            sql.append(" AND s.receiver_code = ?");
            args.add(filter.institutionCode());
        }
        sql.append(" GROUP BY ").append(day).append(", s.receiver_region, s.receiver_code, i.name ORDER BY 1, 2, 3");
        return jdbc.query(sql.toString(), (rs, i) -> {
            int issued = rs.getInt(5);
            int signed = rs.getInt(6);
            return new IssuingRow(date(rs), rs.getString(2).strip(), rs.getString(3), name(rs, 3), issued, signed,
                    issued - signed);
        }, args.toArray());
    }

    /** The caller's region, and within it the filter's region when one is given. */
    private static void scope(StringBuilder sql, List<Object> args, String column, String regionCode) {
        sql.append(" AND ").append(column).append(" LIKE ?");
        args.add(SecurityContextUsers.require().region().scopePrefix() + "%");
        if (regionCode != null) {
            sql.append(" AND ").append(column).append(" LIKE ?");
            args.add(prefix(regionCode) + "%");
        }
    }

    /**
     * The China date of a timestamp column in SQL. Timestamps are stored in UTC ({@code hibernate.jdbc.time_zone});
     * China keeps UTC+8 the whole year, so the date is that of the time eight hours later (Oracle's CAST to DATE
     * keeps the time, so it truncates instead).
     */
    private String chinaDay(String column) {
        String sql = chinaDaySql;
        if (sql == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            sql = product != null && product.toLowerCase(Locale.ROOT).contains("oracle")
                    ? "TRUNC(%s + INTERVAL '8' HOUR)" : "CAST(%s + INTERVAL '8' HOUR AS DATE)";
            chinaDaySql = sql;
        }
        return sql.formatted(column);
    }

    /** The institution's name from the joined register, its code when it is not registered. */
    private static String name(ResultSet rs, int codeColumn) throws SQLException {
        String name = rs.getString(codeColumn + 1);
        return name == null ? rs.getString(codeColumn) : name;
    }

    private static LocalDate date(ResultSet rs) throws SQLException {
        return rs.getDate(1).toLocalDate();
    }

    /** The production table for export (CSV / Excel): the same rows and columns as the screen. */
    public static final cn.healthcard.report.TableExport<ProductionRow> PRODUCTION_TABLE =
            cn.healthcard.report.TableExport.<ProductionRow>sheet("SAM制卡过程监管")
                    .date("日期", ProductionRow::date).text("制卡机构代码", ProductionRow::makerCode)
                    .text("制卡机构", ProductionRow::makerName).number("申领数量", ProductionRow::applied)
                    .number("制卡数量", ProductionRow::made).number("制卡失败", ProductionRow::failed)
                    .number("待制卡", ProductionRow::open)
                    .number("下单失败", ProductionRow::orderFailed).number("制卡进度(%)", ProductionRow::progressPercent)
                    .number("制卡成功率(%)", ProductionRow::successPercent);

    /** The issuing table for export (CSV / Excel). */
    public static final cn.healthcard.report.TableExport<IssuingRow> ISSUING_TABLE =
            cn.healthcard.report.TableExport.<IssuingRow>sheet("SAM发卡过程监管")
                    .date("日期", IssuingRow::date).text("地区", IssuingRow::regionCode)
                    .text("使用机构代码", IssuingRow::institutionCode).text("使用机构", IssuingRow::institutionName)
                    .number("发卡数量", IssuingRow::issued).number("已签收", IssuingRow::signedFor)
                    .number("未签收", IssuingRow::notSignedFor);

    private static String prefix(String regionCode) {
        return cn.healthcard.common.RegionCode.of(regionCode).scopePrefix();
    }

    private static List<Object> range(Filter f) {
        LocalDate to = f.to() == null ? LocalDate.now(ChinaTime.ZONE) : f.to();
        LocalDate from = f.from() == null ? to.minusDays(30) : f.from();
        if (from.isAfter(to)) {
            throw new DomainValidationException("from", "「开始日期」不能晚于「结束日期」");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new DomainValidationException("to", "统计区间最长" + MAX_DAYS + "天");
        }
        if (f.regionCode() != null && !f.regionCode().matches("\\d{6}")) {
            throw new DomainValidationException("regionCode", "「地区」应为6位行政区划代码");
        }
        return List.of(utc(from), utc(to.plusDays(1)));
    }

    /** The start of a China day as the UTC wall time the timestamp columns hold. */
    private static LocalDateTime utc(LocalDate day) {
        return LocalDateTime.ofInstant(day.atStartOfDay(ChinaTime.ZONE).toInstant(), ZoneOffset.UTC);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
