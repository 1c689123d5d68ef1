package cn.healthcard.sam;

import java.util.List;

/** A page of the SAM blacklist change log; ask again with {@code since = nextSince} while {@code hasMore}. */
public record SamBlacklistChanges(List<SamBlacklistChange> items, long nextSince, boolean hasMore) {
}
