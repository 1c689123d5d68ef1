package cn.healthcard.supervision.export;

import cn.healthcard.common.AuditableEvent;

import java.util.List;

/**
 * Someone exported a supervision table (SUP-01…04, STAT-01; SEC-03): who, which table, format and filter, how many
 * rows. A case list is personal data: the entry says so and names the case numbers — all of them when they fit the
 * entry, else the first ones, their count and the SM3 of the whole list, which the export record keeps whole (a case
 * list longer than {@value SupervisionExports#MAX_AUDITED_CASES} is not exported).
 *
 * @param username     who exported (also the entry's actor)
 * @param exportId     the export record
 * @param screen       the table's title
 * @param format       CSV, Excel or PDF
 * @param rows         rows written
 * @param regionCode   the exporter's region, so that region's auditors find the entry
 * @param filter       the filter in words
 * @param personalData whether the rows are cases of persons
 * @param caseNumbers  every case number exported, empty for tables of counts
 * @param caseListSm3  SM3 of the case numbers joined by line feeds, or {@code null}
 */
public record StatisticsExported(String username, String exportId, String screen, String format, long rows,
                                 String regionCode, String filter, boolean personalData, List<String> caseNumbers,
                                 String caseListSm3) implements AuditableEvent {

    /** The entry's detail is cut at this many characters by the audit log. */
    static final int DETAIL_MAX = 2000;

    public StatisticsExported {
        caseNumbers = List.copyOf(caseNumbers);
    }

    @Override
    public String subjectType() {
        return "StatisticsExport";
    }

    @Override
    public String subjectId() {
        return exportId;
    }

    /**
     * {@code Excel：发放监管 1234 行；统计期：…；个人数据：否} or, for cases, {@code …；个人数据：是，业务编号 3 个（SM3 …）：SQ…、SQ…}.
     */
    @Override
    public String detail() {
        StringBuilder detail = new StringBuilder(format).append('：').append(screen).append(' ').append(rows)
                .append(" 行；").append(filter).append("；个人数据：").append(personalData ? "是" : "否");
        if (!personalData) {
            return detail.toString();
        }
        detail.append("，业务编号 ").append(caseNumbers.size()).append(" 个");
        if (caseListSm3 != null) {
            detail.append("（SM3 ").append(caseListSm3).append("，全部见导出记录 ").append(exportId).append("）");
        }
        detail.append('：');
        String tail = "…";
        for (int i = 0; i < caseNumbers.size(); i++) {
            String next = (i == 0 ? "" : "、") + caseNumbers.get(i);
            if (detail.length() + next.length() + tail.length() > DETAIL_MAX) {
                detail.append(tail);
                break;
            }
            detail.append(next);
        }
        return detail.toString();
    }
}
