package cn.healthcard.report;

import static java.util.Map.entry;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The printed result of an audit trail search (审计日志查询结果, APP-13, SEC-03): who exported it and when, the filters,
 * and one table row per audit entry. Personal data arrives masked and is printed as given; a complete resident ID
 * number in a row is refused (SEC-02).
 *
 * @param exportedBy who exported the result, as printed, e.g. {@code 孙审计（auditor）}
 * @param exportedAt when, in China time
 * @param filters    the search filters in words (document number and name masked), e.g. {@code card=1101…}
 * @param rows       the entries, in the order to print
 * @param maxRows    the most rows an export holds
 * @param capped     whether more entries matched than {@code maxRows} (the rows are then the first {@code maxRows})
 */
public record AuditTrailReport(String exportedBy, LocalDateTime exportedAt, String filters, List<Row> rows,
                               int maxRows, boolean capped) {

    /** The template of this document in {@code reports/}. */
    static final String TEMPLATE = "audit-export";

    private static final Pattern FULL_RESIDENT_ID = Pattern.compile("\\d{17}[\\dXx]");

    /**
     * One audit entry as printed; every text may be {@code null} (printed empty).
     *
     * @param time           when, in China time, as printed, e.g. {@code 2026-11-22 10:05:09}
     * @param event          the event type, e.g. {@code CardStatusChanged}
     * @param actor          who acted (user name)
     * @param institution    the acting user's institution code
     * @param region         the GB/T 2260 region code of the entry
     * @param subject        what the entry is about, e.g. {@code Card 110105000000000001}
     * @param cardNo         the card concerned
     * @param caseRef        the case (申领编号 / 业务编号)
     * @param nameMasked     the resident's name, masked
     * @param documentMasked the resident's document number, masked
     * @param channel        UI, API or PROCESS
     * @param detail         the entry's detail
     */
    public record Row(String time, String event, String actor, String institution, String region, String subject,
                      String cardNo, String caseRef, String nameMasked, String documentMasked, String channel,
                      String detail) {

        public Row {
            if (documentMasked != null && FULL_RESIDENT_ID.matcher(documentMasked.strip()).matches()) {
                throw new IllegalArgumentException("AuditTrailReport.Row: documentMasked must be masked, not a "
                        + "complete document number");
            }
        }

        /** The values of one table row, by the field names; absent texts empty. */
        public Map<String, String> toValues() {
            return Map.ofEntries(entry("time", text(time)), entry("event", text(event)), entry("actor", text(actor)),
                    entry("institution", text(institution)), entry("region", text(region)),
                    entry("subject", text(subject)), entry("cardNo", text(cardNo)), entry("caseRef", text(caseRef)),
                    entry("nameMasked", text(nameMasked)), entry("documentMasked", text(documentMasked)),
                    entry("channel", text(channel)), entry("detail", text(detail)));
        }
    }

    public AuditTrailReport {
        Objects.requireNonNull(exportedBy, "AuditTrailReport needs exportedBy (导出人)");
        Objects.requireNonNull(exportedAt, "AuditTrailReport needs exportedAt (导出时间)");
        filters = filters == null || filters.isBlank() ? "(all)" : filters;
        rows = rows == null ? List.of() : List.copyOf(rows);
        if (maxRows < 1 || rows.size() > maxRows) {
            throw new IllegalArgumentException("AuditTrailReport: " + rows.size() + " rows, at most maxRows ("
                    + maxRows + ")");
        }
    }

    /**
     * The template values: {@code exportedBy}, {@code exportedAt} ({@code 2026年11月22日 10:30}), {@code filters},
     * {@code rowCount}, {@code summary} (the number of rows, or the notice that only the first {@code maxRows} of more
     * matches are printed) and {@code pageNote} (the same, short, for the foot of every page).
     */
    public Map<String, String> toValues() {
        String count = String.valueOf(rows.size());
        return Map.of(
                "exportedBy", exportedBy,
                "exportedAt", ReportFormats.dateTime(exportedAt),
                "filters", filters,
                "rowCount", count,
                "summary", capped
                        ? "结果超过 " + maxRows + " 条，仅导出前 " + maxRows + " 条（按时间先后）。请缩小查询范围后分批导出。"
                        : "共 " + count + " 条，已全部导出。",
                "pageNote", capped ? "已截断：仅含前 " + maxRows + " 条" : "共 " + count + " 条");
    }

    /** The list for the template's repeated rows: {@code rows}, one {@link Row#toValues()} per entry. */
    public Map<String, List<Map<String, String>>> toLists() {
        return Map.of("rows", rows.stream().map(Row::toValues).toList());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
