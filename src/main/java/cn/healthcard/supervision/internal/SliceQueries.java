package cn.healthcard.supervision.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.supervision.Measure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lists behind STAT-01's snapshot slices other than cards (decision 039): SAM cards by state, product filings by
 * status, active institutions by kind. Counted as of now like the slices, so the dates do not apply; the filter's
 * {@code status} is the slice, checked against the measure's own values (400 naming {@code status}). The columns are
 * those of {@link CaseQueries}; none of these rows names a person.
 */
final class SliceQueries {

    /** The SAM card states ({@code sam_card.state}'s check constraint). */
    static final Set<String> SAM_STATES = Set.of("ACTIVE", "FROZEN", "CANCELLED");

    private static final String NO_HOLDER = "CAST(NULL AS VARCHAR(36)) holder";

    private SliceQueries() {
    }

    static StringBuilder query(Measure measure, Scope s, List<Object> args, Sql sql) {
        StringBuilder q;
        switch (measure) {
            case SAM_STATE -> {
                // as the SAM slice counts them: by the region the SAM is placed in and its institution
                requireStatus(s, "SAM卡状态", SAM_STATES);
                q = new StringBuilder("SELECT m.sam_no case_no, m.place_region region_code,"
                        + " COALESCE(m.institution_code, m.place_code) institution_code, " + NO_HOLDER + ", m.state status, "
                        + sql.chinaDay("m.made_at") + " d, CAST(NULL AS INTEGER) q, m.batch_no x, m.sam_no k, m.made_at o"
                        + " FROM sam_card m WHERE 1 = 1");
                status(q, args, s, "m.state");
                Sql.scope(q, args, s, "m.place_region", "m.institution_code");
            }
            case FILING_STATUS -> {
                // filings are national (FIL-01): the slice is drawn for the national scope only, and so is its list
                requireStatus(s, "备案状态", names(FilingStatus.values()));
                q = new StringBuilder("SELECT f.case_no, CAST(NULL AS CHAR(6)) region_code,"
                        + " f.product_type institution_code, " + NO_HOLDER + ", f.status, "
                        + sql.chinaDay("f.created_at") + " d, CAST(NULL AS INTEGER) q, m.name x, f.id k, f.created_at o"
                        + " FROM product_filing f JOIN filing_manufacturer m ON m.id = f.manufacturer_id WHERE "
                        + (s.prefix().isEmpty() ? "1 = 1" : "1 = 0"));
                status(q, args, s, "f.status");
            }
            case INSTITUTION_KIND -> {
                // the active institutions as the slice counts them (by region, not narrowed by institution);
                // a parameter for TRUE: Oracle before 23 has none
                requireStatus(s, "机构类别", names(InstitutionKind.values()));
                q = new StringBuilder("SELECT i.code case_no, i.region_code, CAST(NULL AS VARCHAR(32)) institution_code, "
                        + NO_HOLDER + ", i.kind status, " + sql.chinaDay("i.registered_at") + " d,"
                        + " CAST(NULL AS INTEGER) q, i.name x, i.code k, i.registered_at o FROM institution i WHERE i.active = ?");
                args.add(true);
                status(q, args, s, "i.kind");
                Sql.scope(q, args, s, "i.region_code", null);
            }
            default -> throw new IllegalArgumentException(measure.name());
        }
        return q;
    }

    /** Refuses a slice value the measure does not know (400 naming status). */
    static void requireStatus(Scope s, String label, Set<String> known) {
        if (s.status() != null && !known.contains(s.status())) {
            throw new DomainValidationException("status", "「" + label + "」不是有效的值");
        }
    }

    static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    private static void status(StringBuilder q, List<Object> args, Scope s, String column) {
        if (s.status() != null) {
            q.append(" AND ").append(column).append(" = ?");
            args.add(s.status());
        }
    }
}
