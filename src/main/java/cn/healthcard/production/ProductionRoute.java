package cn.healthcard.production;

/** How a desk's cards are made: in a batch of a production plan at a card maker, or at once on the desk's own printer. */
public enum ProductionRoute {
    /** Queued for a production plan (制卡计划), made by a card maker in a batch (APP-08). */
    BATCH,
    /** Instant issuance (即时制卡) on the desk's own card printer: one maker call per card. */
    INSTANT
}
