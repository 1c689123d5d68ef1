package cn.healthcard.logistics;

import java.util.List;

/**
 * The receiver's count (PER-13): cards counted, whether every seal is intact, the boxes found damaged or opened and
 * the boxes missing, and a note (required when anything differs).
 */
public record CountData(int receivedCount, boolean sealsIntact, List<String> damagedBoxes, List<String> missingBoxes,
                        String note) {
    public CountData {
        damagedBoxes = damagedBoxes == null ? List.of() : List.copyOf(damagedBoxes);
        missingBoxes = missingBoxes == null ? List.of() : List.copyOf(missingBoxes);
    }
}
