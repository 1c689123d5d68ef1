package cn.healthcard.supervision.export;

import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The rows of an export, read through the statistics service as the caller (so its role checks and region scope
 * apply): a screen's table as the list the screen shows, a case list page by page, so it is never held whole.
 */
final class ExportRows {

    /** The largest page {@link SupervisionStatistics#cases} gives. */
    static final int PAGE = 200;

    private ExportRows() {
    }

    /** The rows to write and how many there are. */
    record Loaded(Iterable<?> rows, long count) {
    }

    static Loaded load(SupervisionStatistics statistics, ExportRequest request) {
        StatisticsFilter filter = request.filter();
        List<?> rows = switch (request.screen()) {
            case PRODUCTION -> statistics.production(filter);
            case ISSUING -> statistics.issuing(filter);
            case USAGE -> statistics.usage(filter);
            case ASSESSMENT -> statistics.assessment(filter);
            case OVERVIEW -> statistics.overview(filter);
            case APPLICATIONS -> statistics.applicationCategories(filter);
            case CASES -> null;
        };
        if (rows != null) {
            return new Loaded(rows, rows.size());
        }
        long count = statistics.countCases(request.measure(), filter);
        return new Loaded(new CasePages(statistics, request.measure(), filter, count, c -> { }), count);
    }

    /** The same case rows, each also given to {@code seen} (the audit's list of case numbers). */
    static Iterable<?> watched(Loaded loaded, Consumer<CaseRow> seen) {
        if (loaded.rows() instanceof CasePages pages) {
            return new CasePages(pages.statistics, pages.measure, pages.filter, pages.total, seen);
        }
        return loaded.rows();
    }

    /** The cases behind a measure, {@value #PAGE} at a time, at most {@code total} (the count when asked). */
    static final class CasePages implements Iterable<CaseRow> {
        private final SupervisionStatistics statistics;
        private final Measure measure;
        private final StatisticsFilter filter;
        private final long total;
        private final Consumer<CaseRow> seen;

        CasePages(SupervisionStatistics statistics, Measure measure, StatisticsFilter filter, long total,
                  Consumer<CaseRow> seen) {
            this.statistics = statistics;
            this.measure = measure;
            this.filter = filter;
            this.total = total;
            this.seen = seen;
        }

        @Override
        public Iterator<CaseRow> iterator() {
            return new Iterator<>() {
                private List<CaseRow> page = List.of();
                private int next;
                private int pageNo = -1;
                private long given;
                private boolean last;

                @Override
                public boolean hasNext() {
                    if (given >= total) {
                        return false;
                    }
                    if (next < page.size()) {
                        return true;
                    }
                    if (last) {
                        return false;
                    }
                    page = statistics.cases(measure, filter, ++pageNo, PAGE);
                    next = 0;
                    last = page.size() < PAGE;
                    return !page.isEmpty();
                }

                @Override
                public CaseRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    CaseRow row = page.get(next++);
                    given++;
                    seen.accept(row);
                    return row;
                }
            };
        }
    }
}
