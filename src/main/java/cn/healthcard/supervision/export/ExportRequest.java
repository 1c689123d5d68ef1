package cn.healthcard.supervision.export;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;

/**
 * What to export: a screen's table in a format, for a filter; the case list also names the measure whose cases it
 * lists. The filter itself is checked by the statistics service (dates, range, region scope).
 *
 * @param screen  the table
 * @param format  CSV, XLSX or PDF
 * @param filter  the screen's filter
 * @param measure the measure of a case list ({@link ExportScreen#CASES}), else {@code null}
 */
public record ExportRequest(ExportScreen screen, ExportFormat format, StatisticsFilter filter, Measure measure) {

    public ExportRequest {
        if (screen == null) {
            throw new DomainValidationException("screen", "「screen」不能为空");
        }
        if (format == null) {
            throw new DomainValidationException("format", "「format」应为 CSV、XLSX 或 PDF");
        }
        if (filter == null) {
            throw new DomainValidationException("filter", "「filter」不能为空");
        }
        if (screen == ExportScreen.CASES && measure == null) {
            throw new DomainValidationException("measure", "导出案例明细须指定「measure」");
        }
        if (screen != ExportScreen.CASES) {
            measure = null;
        }
    }
}
