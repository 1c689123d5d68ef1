package cn.healthcard.institution;

import java.util.List;

/**
 * A page of the exchange log: the changes after {@code since} in {@code seq} order; ask again with
 * {@code since = nextSince} (the last seq returned, or the same {@code since} when nothing is new) while
 * {@code hasMore}.
 */
public record InstitutionChanges(List<InstitutionChange> items, long nextSince, boolean hasMore) {
}
