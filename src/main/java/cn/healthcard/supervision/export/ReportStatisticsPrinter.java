package cn.healthcard.supervision.export;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.ReportService;
import cn.healthcard.report.TableExport;
import org.springframework.stereotype.Component;

import java.util.List;

/** The supervision screens' PDF through the report module's statistics template ({@code statistics-report.html}). */
@Component
class ReportStatisticsPrinter implements StatisticsPrinter {

    private final ReportService reports;

    ReportStatisticsPrinter(ReportService reports) {
        this.reports = reports;
    }

    @Override
    public <R> byte[] print(String title, List<String> filterLines, ChartSpec chart, TableExport<R> table,
                            List<R> rows, String printedBy) {
        return reports.statistics(title, filterLines, chart, table, rows, printedBy);
    }
}
