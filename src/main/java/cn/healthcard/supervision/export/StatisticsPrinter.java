package cn.healthcard.supervision.export;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.TableExport;

import java.util.List;

/**
 * Prints a supervision screen as a PDF (BPM-06): title, filter lines, the chart as an image, and the table with the
 * columns of its export. Implemented over the report module's statistics template; an export asks for it only when
 * a PDF is wanted, and says so plainly when the application has none.
 */
public interface StatisticsPrinter {

    /**
     * @param chart     the screen's chart, or {@code null} for the table only
     * @param printedBy who prints it (the footer)
     */
    <R> byte[] print(String title, List<String> filterLines, ChartSpec chart, TableExport<R> table, List<R> rows,
                     String printedBy);
}
