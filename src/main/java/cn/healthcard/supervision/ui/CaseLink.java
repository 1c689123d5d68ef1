package cn.healthcard.supervision.ui;

import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import com.vaadin.flow.router.QueryParameters;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a click on a chart leads: the case list of one measure, narrowed to the row the screen holds under the click.
 * Only these values and the shown filter's dates go into the address; {@link SupervisionCasesView} validates them
 * again, and the service checks the region against the caller's scope.
 */
record CaseLink(Measure measure, String regionCode, String institutionCode, String status) {

    /**
     * The measures whose cases the service lists (decision 036). The others (FAILED, CARD_USES, ECARD_VERIFICATIONS,
     * HANDLED, and production per maker) have no list: their bars take no click.
     */
    static final Set<Measure> LISTED = EnumSet.of(Measure.APPLIED, Measure.MADE, Measure.ISSUED, Measure.SIGNED,
            Measure.UNSIGNED, Measure.OVERDUE, Measure.CARD_REQUESTS, Measure.CARD_STATUS);

    boolean listed() {
        return LISTED.contains(measure);
    }

    static CaseLink of(Measure measure) {
        return new CaseLink(measure, null, null, null);
    }

    CaseLink region(String code) {
        return new CaseLink(measure, code, institutionCode, status);
    }

    CaseLink institution(String code) {
        return new CaseLink(measure, regionCode, code, status);
    }

    /** The cards of one status (STAT-01's cards-by-status slice). */
    CaseLink status(String cardStatus) {
        return new CaseLink(measure, regionCode, institutionCode, cardStatus);
    }

    /** The address's query: the measure, the dates of the filter shown, and the row's keys (the filter's, if none). */
    QueryParameters query(StatisticsFilter shown) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(SupervisionCasesView.MEASURE, List.of(measure.name()));
        put(params, SupervisionCasesView.FROM, shown.from() == null ? null : shown.from().toString());
        put(params, SupervisionCasesView.TO, shown.to() == null ? null : shown.to().toString());
        put(params, SupervisionCasesView.REGION, regionCode != null ? regionCode : shown.regionCode());
        put(params, SupervisionCasesView.INSTITUTION,
                institutionCode != null ? institutionCode : shown.institutionCode());
        put(params, SupervisionCasesView.SCENARIO, shown.scenario());
        put(params, SupervisionCasesView.STATUS, status);
        return new QueryParameters(params);
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, List.of(value));
        }
    }
}
