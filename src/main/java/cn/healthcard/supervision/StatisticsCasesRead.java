package cn.healthcard.supervision;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone read the cases behind a statistic (drill-down, SUP-02): which measure, range and scope, and how many rows
 * with masked personal data were shown. The case numbers go in the detail (the page, at most 200).
 */
public record StatisticsCasesRead(String measure, String filterSummary, int rows, String regionCode,
                                  String caseNumbers) implements AuditableEvent {

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
        String d = measure + " " + filterSummary + " rows=" + rows + (caseNumbers.isEmpty() ? "" : " cases=" + caseNumbers);
        return d.length() > 2000 ? d.substring(0, 1997) + "..." : d;
    }
}
