package cn.healthcard.supervision;

/**
 * How many rows a case list holds, counted up to {@link #CAP} (decision 039): a count over a year of a province's
 * cases costs a second or more, so lists count at most {@code CAP + 1} rows and say "more than 10,000" above it.
 *
 * @param count the number of rows, exact when {@code capped} is false, else {@link #CAP}
 * @param capped whether there are more than {@link #CAP} rows
 */
public record CaseCount(long count, boolean capped) {

    /**
     * The deepest row a list may be paged to (the export's limit of audited personal-data rows alike): a page that
     * starts at or beyond it is refused (400 naming page), so paging neither skips millions of rows per request nor
     * reads more than an export may.
     */
    public static final int MAX_LISTED = 100_000;

    /** The most rows a capped count counts exactly. */
    public static final int CAP = 10_000;

    /** The count of {@code counted} rows, of which at most {@code CAP + 1} were counted. */
    public static CaseCount of(long counted) {
        return counted > CAP ? new CaseCount(CAP, true) : new CaseCount(counted, false);
    }
}
