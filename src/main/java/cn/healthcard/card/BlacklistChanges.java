package cn.healthcard.card;

import java.util.List;

/**
 * A page of the change log: the changes after {@code since} in {@code seq} order; ask again with
 * {@code since = nextSince} (the last seq returned, or the same {@code since} when nothing is new); {@code hasMore}
 * says whether more changes are waiting right now.
 */
public record BlacklistChanges(List<BlacklistChange> items, long nextSince, boolean hasMore) {
}
