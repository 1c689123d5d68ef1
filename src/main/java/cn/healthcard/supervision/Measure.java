package cn.healthcard.supervision;

/**
 * A counted quantity a series is drawn for and a drill-down lists the cases or cards of. Definitions in decision 036.
 */
public enum Measure {
    /** Applications submitted (SUP-02). */
    APPLIED("APPLICATION"),
    /**
     * Cards made (SUP-02: produced in the range, by the card's region and desk). Narrowed by {@code makerCode} it is
     * SUP-01's 制卡 bar of that maker: the cards answered produced in its batches released in the range (decision 039).
     */
    MADE("CARD"),
    /** Cards at their desk, ready for pickup (SUP-02). */
    ISSUED("APPLICATION"),
    /** Cards signed for by the holder (SUP-02). */
    SIGNED("APPLICATION"),
    /** Cards issued and not signed for at the end of the period (SUP-02). */
    UNSIGNED("APPLICATION"),
    /** Production answers that failed (SUP-01). */
    FAILED("RESULT"),
    /** Production answers that scrapped the card (destroyed; SUP-01). */
    SCRAPPED("RESULT"),
    /** Cards used at a medical institution (SUP-03). */
    CARD_USES("USE"),
    /** Electronic health card verifications (SUP-03); listed as the daily counter's rows (decision 039). */
    ECARD_VERIFICATIONS("VERIFICATION_COUNT"),
    /** User tasks completed (SUP-04). */
    HANDLED("DONE_TASK"),
    /** Open user tasks older than the configured limit (SUP-04). */
    OVERDUE("TASK"),
    /** Card lifecycle requests (LC-07), of the filter's {@code requestType} if given (STAT-01 requests slice). */
    CARD_REQUESTS("REQUEST"),
    /** Cards (as of now) in the filter's {@code status}, or all cards (STAT-01 cards by status; a list, no series). */
    CARD_STATUS("CARD"),
    /** SAM cards (as of now) in the filter's {@code status} (a SAM state), or all (STAT-01 SAM slice; a list, no series). */
    SAM_STATE("SAM"),
    /**
     * Product filings (as of now) in the filter's {@code status} ({@code FilingStatus} name), or all; national like the
     * STAT-01 filings slice, so empty below the national scope (a list, no series).
     */
    FILING_STATUS("FILING"),
    /**
     * Active institutions (as of now) of the filter's {@code status} (an {@code InstitutionKind} name), or all (STAT-01
     * institutions slice; an entity list: code, name, region, kind; a list, no series).
     */
    INSTITUTION_KIND("INSTITUTION");

    private final String caseKind;

    Measure(String caseKind) {
        this.caseKind = caseKind;
    }

    /** The kind of the rows its list holds ({@link CaseRow#kind()}). */
    public String caseKind() {
        return caseKind;
    }
}
