package cn.healthcard.supervision;

import java.util.List;

/**
 * The supervision numbers, each limited to the caller's region and those below it (roles SUPERVISOR, AUDITOR, ADMIN).
 * Used alike by the screens, the REST API, the exports and the monthly report. Bad filter values give a problem
 * naming the field; a region outside the caller's scope is refused.
 */
public interface SupervisionStatistics {

    /** SUP-01: production per maker, plan and batch. */
    List<ProductionRow> production(StatisticsFilter filter);

    /** SUP-02: applied, made, issued, signed for and not signed for, per region at the caller's next level. */
    List<IssuingRow> issuing(StatisticsFilter filter);

    /** SUP-03: card uses and verifications per medical institution and stage. */
    List<UsageRow> usage(StatisticsFilter filter);

    /** SUP-04: each institution's work. */
    List<AssessmentRow> assessment(StatisticsFilter filter);

    /** STAT-01: institutions, cards, SAM cards, filings and actual use. */
    List<OverviewRow> overview(StatisticsFilter filter);

    /** APP-04: applications by sex, age band, document type and channel. */
    List<OverviewRow> applicationCategories(StatisticsFilter filter);

    /** A measure per period, with the previous period when the filter asks to compare. */
    List<Series> series(Measure measure, StatisticsFilter filter);

    /**
     * The cases, cards or rows behind a number, a page at a time (at most 200 per page); names masked. Audited (each
     * row shown). Every measure has a list (decision 039), of the kind {@link Measure#caseKind()}; the filter's
     * {@code makerCode} narrows MADE (then SUP-01's 制卡 bar: the maker's batches' produced cards), FAILED and SCRAPPED,
     * whose {@code institutionCode} is the batch's ordering centre; its {@code scenario} narrows CARD_USES and
     * ECARD_VERIFICATIONS, its {@code requestType} CARD_REQUESTS, its {@code status} the STAT-01 slices (CARD_STATUS,
     * SAM_STATE, FILING_STATUS, INSTITUTION_KIND); a status or request type on another list is refused. Pages start
     * below row {@link CaseCount#MAX_LISTED}, else 400 naming page.
     */
    List<CaseRow> cases(Measure measure, StatisticsFilter filter, int page, int size);

    /**
     * How many rows {@link #cases} lists in all, exactly. It costs as much as reading them all (a second and more
     * for a province's year): for what needs the exact number (a chart's bar, the export's limits). A list shown
     * page by page asks {@link #countCasesCapped} once.
     */
    long countCases(Measure measure, StatisticsFilter filter);

    /**
     * How many rows {@link #cases} lists, counted up to {@link CaseCount#CAP} (at most {@code CAP + 1} rows are read):
     * exact at or below the cap, else {@code capped} (shown as "10,000+"). Used by the case list screen and the REST
     * case pages.
     */
    CaseCount countCasesCapped(Measure measure, StatisticsFilter filter);

    /** The home dashboard's figures. */
    Dashboard dashboard();
}
