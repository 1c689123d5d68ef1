package cn.healthcard.audit;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total all entries that match (exact)
 */
public record AuditPage(List<AuditHit> hits, long total, int page, int size) {

    /** How the results are ordered. */
    public enum Sort {
        NEWEST_FIRST, OLDEST_FIRST, EVENT_TYPE, ACTOR, CARD_NO
    }
}
