package cn.healthcard.supervision;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone read the cases behind a statistic (drill-down, SUP-02): which measure, range and scope, and how many rows
 * with masked personal data were shown. Each row shown is logged on its own as {@link StatisticsCaseRead} (with its
 * case, card and resident keys), so the page's entry holds no case numbers and is never cut.
 */
public record StatisticsCasesRead(String measure, String filterSummary, int rows, String regionCode)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Statistics";
    }

    @Override
    public String subjectId() {
        return measure;
    }

    @Override
    public String detail() {
        return measure + " " + filterSummary + " rows=" + rows;
    }
}
