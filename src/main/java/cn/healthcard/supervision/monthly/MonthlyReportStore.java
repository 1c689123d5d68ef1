package cn.healthcard.supervision.monthly;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table {@code monthly_report} (V40). */
@Repository
class MonthlyReportStore {

    private static final String COLUMNS = "report_no, region_code, report_month, status, generation, pdf_sm3, summary, "
            + "review_comment, reviewed_by, generated_at, published_at, published_by";

    private final JdbcClient jdbc;

    MonthlyReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String regionCode, String month) {
        return jdbc.sql("SELECT COUNT(*) FROM monthly_report WHERE region_code = ? AND report_month = ?")
                .params(regionCode, month).query(Long.class).single() > 0;
    }

    void insert(String reportNo, String regionCode, String month, String openedBy, Instant now) {
        jdbc.sql("INSERT INTO monthly_report (report_no, region_code, report_month, status, generation, opened_by, "
                        + "opened_at) VALUES (?, ?, ?, 'OPEN', 0, ?, ?)")
                .params(reportNo, regionCode, month, openedBy, Timestamp.from(now)).update();
    }

    Optional<MonthlyReport> find(String reportNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monthly_report WHERE report_no = ?").param(reportNo)
                .query(MonthlyReportStore::row).optional();
    }

    /** The row locked against a concurrent step of the same report. */
    Optional<MonthlyReport> lock(String reportNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monthly_report WHERE report_no = ? FOR UPDATE").param(reportNo)
                .query(MonthlyReportStore::row).optional();
    }

    Optional<byte[]> pdf(String reportNo) {
        return jdbc.sql("SELECT pdf FROM monthly_report WHERE report_no = ? AND pdf IS NOT NULL").param(reportNo)
                .query((rs, i) -> rs.getBytes(1)).optional();
    }

    void generated(String reportNo, byte[] pdf, String sm3, String summary, Instant now) {
        jdbc.sql("UPDATE monthly_report SET pdf = ?, pdf_sm3 = ?, summary = ?, generation = generation + 1, "
                        + "status = 'REVIEW', generated_at = ? WHERE report_no = ?")
                .params(pdf, sm3, summary, Timestamp.from(now), reportNo).update();
    }

    void reviewed(String reportNo, MonthlyReport.Status status, String comment, String reviewer) {
        jdbc.sql("UPDATE monthly_report SET status = ?, review_comment = ?, reviewed_by = ? WHERE report_no = ?")
                .params(status.name(), comment, reviewer, reportNo).update();
    }

    void published(String reportNo, String by, Instant now) {
        jdbc.sql("UPDATE monthly_report SET status = 'PUBLISHED', published_at = ?, published_by = ? "
                + "WHERE report_no = ?").params(Timestamp.from(now), by, reportNo).update();
    }

    /**
     * The reports of the regions in {@code [low, high]} (a scope's range), newest month first; of a month when
     * {@code month} is given.
     */
    List<MonthlyReport> within(String low, String high, String month) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monthly_report WHERE region_code BETWEEN ? AND ?"
                        + (month == null ? "" : " AND report_month = ?")
                        + " ORDER BY report_month DESC, region_code")
                .params(month == null ? List.of(low, high) : List.of(low, high, month))
                .query(MonthlyReportStore::row).list();
    }

    private static MonthlyReport row(ResultSet rs, int i) throws SQLException {
        String region = rs.getString("region_code");
        return new MonthlyReport(rs.getString("report_no"), region, regionName(region), rs.getString("report_month"),
                MonthlyReport.Status.valueOf(rs.getString("status")), rs.getInt("generation"), rs.getString("pdf_sm3"),
                rs.getString("summary"), rs.getString("review_comment"), rs.getString("reviewed_by"),
                instant(rs.getTimestamp("generated_at")), instant(rs.getTimestamp("published_at")),
                rs.getString("published_by"));
    }

    static String regionName(String region) {
        if (RegionCode.NATIONAL.value().equals(region)) {
            return "全国";
        }
        return CodeTables.regions().fullName(region);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
