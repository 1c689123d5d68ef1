package cn.healthcard.supervision;

import java.time.LocalDate;

/**
 * What a statistic is asked for: a range of China dates ({@code from} to {@code to}, both included, at most 366 days),
 * the period of a series, and optional narrowing. {@code regionCode} absent means the caller's own scope; present, it
 * must lie inside it (else 403 naming {@code regionCode}). {@code compare} adds the previous period of equal length.
 * The service validates every field and answers a problem naming the field (400) for bad values.
 *
 * @param from first day (China date)
 * @param to last day (China date)
 * @param granularity period of a series
 * @param regionCode a region inside the caller's scope, or {@code null}
 * @param institutionCode one institution (desk, medical institution), or {@code null}
 * @param makerCode one card maker, or {@code null}
 * @param scenario one usage stage (SUP-03), or {@code null}
 * @param compare whether the previous period is added
 * @param status the slice of a STAT-01 list, checked against the measure's values: a card status
 *        ({@link Measure#CARD_STATUS}), a SAM card state ({@link Measure#SAM_STATE}), a filing status
 *        ({@link Measure#FILING_STATUS}), an institution kind ({@link Measure#INSTITUTION_KIND}); or {@code null}
 * @param requestType one card request type ({@code RequestType} name) narrowing {@link Measure#CARD_REQUESTS}, or
 *        {@code null}
 */
public record StatisticsFilter(LocalDate from, LocalDate to, Granularity granularity, String regionCode,
        String institutionCode, String makerCode, String scenario, boolean compare, String status,
        String requestType) {

    /** A filter without a request type. */
    public StatisticsFilter(LocalDate from, LocalDate to, Granularity granularity, String regionCode,
                            String institutionCode, String makerCode, String scenario, boolean compare,
                            String status) {
        this(from, to, granularity, regionCode, institutionCode, makerCode, scenario, compare, status, null);
    }

    /** A filter without a card status. */
    public StatisticsFilter(LocalDate from, LocalDate to, Granularity granularity, String regionCode,
                            String institutionCode, String makerCode, String scenario, boolean compare) {
        this(from, to, granularity, regionCode, institutionCode, makerCode, scenario, compare, null, null);
    }

    /** The longest range one request may cover, in days. */
    public static final int MAX_DAYS = 366;

    /**
     * The most rows one table of issuing or usage may hold (periods × institutions of the scope); above it the
     * service refuses (400 naming {@code to}) before any row is built.
     */
    public static final int MAX_ROWS = 20_000;

    /** A filter over {@code from}..{@code to} per day for the caller's own scope. */
    public static StatisticsFilter of(LocalDate from, LocalDate to) {
        return new StatisticsFilter(from, to, Granularity.DAY, null, null, null, null, false);
    }

    public StatisticsFilter withRegion(String region) {
        return new StatisticsFilter(from, to, granularity, region, institutionCode, makerCode, scenario, compare,
                status, requestType);
    }

    public StatisticsFilter withInstitution(String institution) {
        return new StatisticsFilter(from, to, granularity, regionCode, institution, makerCode, scenario, compare,
                status, requestType);
    }

    public StatisticsFilter withGranularity(Granularity g) {
        return new StatisticsFilter(from, to, g, regionCode, institutionCode, makerCode, scenario, compare, status,
                requestType);
    }

    public StatisticsFilter withStatus(String cardStatus) {
        return new StatisticsFilter(from, to, granularity, regionCode, institutionCode, makerCode, scenario, compare,
                cardStatus, requestType);
    }

    public StatisticsFilter withRequestType(String type) {
        return new StatisticsFilter(from, to, granularity, regionCode, institutionCode, makerCode, scenario, compare,
                status, type);
    }

    public StatisticsFilter withCompare(boolean c) {
        return new StatisticsFilter(from, to, granularity, regionCode, institutionCode, makerCode, scenario, c, status,
                requestType);
    }
}
