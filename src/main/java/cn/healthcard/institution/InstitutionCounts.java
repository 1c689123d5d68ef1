package cn.healthcard.institution;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many institutions a region holds (STAT-01): one row per kind, centre level (null except for registration
 * centres) and status, with totals by each.
 */
public record InstitutionCounts(String regionCode, List<Row> rows) {

    public record Row(InstitutionKind kind, CentreLevel level, InstitutionStatus status, long count) {
    }

    public long total() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    public Map<InstitutionKind, Long> byKind() {
        Map<InstitutionKind, Long> m = new EnumMap<>(InstitutionKind.class);
        for (InstitutionKind k : InstitutionKind.values()) {
            m.put(k, 0L);
        }
        rows.forEach(r -> m.merge(r.kind(), r.count(), Long::sum));
        return m;
    }

    public Map<CentreLevel, Long> byLevel() {
        Map<CentreLevel, Long> m = new EnumMap<>(CentreLevel.class);
        for (CentreLevel l : CentreLevel.values()) {
            m.put(l, 0L);
        }
        rows.stream().filter(r -> r.level() != null).forEach(r -> m.merge(r.level(), r.count(), Long::sum));
        return m;
    }

    public Map<InstitutionStatus, Long> byStatus() {
        Map<InstitutionStatus, Long> m = new EnumMap<>(InstitutionStatus.class);
        for (InstitutionStatus s : InstitutionStatus.values()) {
            m.put(s, 0L);
        }
        rows.forEach(r -> m.merge(r.status(), r.count(), Long::sum));
        return m;
    }
}
