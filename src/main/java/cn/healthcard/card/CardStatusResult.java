package cn.healthcard.card;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A page of the card-status search with exact counts for the whole filter, from the {@code card} table in the same
 * read (see docs/decisions/009-card-status-search.md).
 *
 * @param items          the page's cards
 * @param countsByStatus cards per status over the whole filter, in {@link CardStatus} order; one key per status asked
 *                       for (every status when none was chosen), 0 where there are none
 * @param total          cards matching the filter (the sum of the counts)
 * @param page           0-based page number
 * @param size           rows per page
 */
public record CardStatusResult(List<CardStatusRow> items, Map<CardStatus, Long> countsByStatus, long total, int page,
                               int size) {

    public CardStatusResult {
        items = List.copyOf(items);
        var counts = new EnumMap<CardStatus, Long>(CardStatus.class);
        counts.putAll(countsByStatus);
        countsByStatus = Collections.unmodifiableMap(counts);
    }

    public long totalPages() {
        return (total + size - 1) / size;
    }
}
