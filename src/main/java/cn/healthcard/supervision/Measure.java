package cn.healthcard.supervision;

/**
 * A counted quantity a series is drawn for and a drill-down lists the cases or cards of. Definitions in decision 036.
 */
public enum Measure {
    /** Applications submitted (SUP-02). */
    APPLIED,
    /** Cards made by the card maker (SUP-02, SUP-01). */
    MADE,
    /** Cards at their desk, ready for pickup (SUP-02). */
    ISSUED,
    /** Cards signed for by the holder (SUP-02). */
    SIGNED,
    /** Cards issued and not signed for at the end of the period (SUP-02). */
    UNSIGNED,
    /** Production answers that failed (SUP-01). */
    FAILED,
    /** Cards used at a medical institution (SUP-03). */
    CARD_USES,
    /** Electronic health card verifications (SUP-03). */
    ECARD_VERIFICATIONS,
    /** User tasks completed (SUP-04). */
    HANDLED,
    /** Open user tasks older than the configured limit (SUP-04). */
    OVERDUE,
    /** Card lifecycle requests (LC-07). */
    CARD_REQUESTS,
    /** Cards (as of now) in the filter's {@code status}, or all cards (STAT-01 cards by status; a list, no series). */
    CARD_STATUS
}
