package cn.healthcard.sam;

import java.time.LocalDate;
import java.util.List;

/**
 * SAM application supervision (SAM-05, 4.3.5.3) over a period of China days: one row per institution, SAM and measure,
 * so a chart can use it as it is. Measures: the state changes FREEZE, UNFREEZE, CANCEL (URGENT_FREEZE and URGENT_LIFTED
 * separately; no SAM number: counted per institution), and usage — card uses per scenario ({@code USE:<scenario>}) and
 * e-card verifications per scene ({@code EHC_VERIFICATION:<scene>}), each counted against the SAM bound to the
 * terminal at the time of the use.
 */
public record SamUsageStats(LocalDate from, LocalDate to, List<Row> rows) {

    public record Row(String institutionCode, String samNo, String measure, long count) {
    }

    public long total(String measurePrefix) {
        return rows.stream().filter(r -> r.measure().startsWith(measurePrefix)).mapToLong(Row::count).sum();
    }
}
