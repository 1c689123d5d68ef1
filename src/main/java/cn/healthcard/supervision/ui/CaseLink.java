package cn.healthcard.supervision.ui;

import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import com.vaadin.flow.router.QueryParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a click on a chart leads: the case list of one measure, narrowed to the row the screen holds under the click.
 * Every measure has a list (decision 039). Only these values and the shown filter's dates go into the address;
 * {@link SupervisionCasesView} validates them again, and the service checks the region against the caller's scope.
 */
record CaseLink(Measure measure, String regionCode, String institutionCode, String status, String makerCode,
                String scenario, String requestType) {

    static CaseLink of(Measure measure) {
        return new CaseLink(measure, null, null, null, null, null, null);
    }

    CaseLink region(String code) {
        return new CaseLink(measure, code, institutionCode, status, makerCode, scenario, requestType);
    }

    CaseLink institution(String code) {
        return new CaseLink(measure, regionCode, code, status, makerCode, scenario, requestType);
    }

    /** The rows of one slice of STAT-01: a card status, a SAM state, a filing status, an institution kind. */
    CaseLink status(String cardStatus) {
        return new CaseLink(measure, regionCode, institutionCode, cardStatus, makerCode, scenario, requestType);
    }

    /** The cards or answers of one card maker (SUP-01's bar per maker). */
    CaseLink maker(String code) {
        return new CaseLink(measure, regionCode, institutionCode, status, code, scenario, requestType);
    }

    /** The uses or verifications of one stage (SUP-03's bar per stage). */
    CaseLink scenario(String stage) {
        return new CaseLink(measure, regionCode, institutionCode, status, makerCode, stage, requestType);
    }

    /** The requests of one type (STAT-01's requests-by-type slice). */
    CaseLink requestType(String type) {
        return new CaseLink(measure, regionCode, institutionCode, status, makerCode, scenario, type);
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
        put(params, SupervisionCasesView.MAKER, makerCode != null ? makerCode : shown.makerCode());
        put(params, SupervisionCasesView.SCENARIO, scenario != null ? scenario : shown.scenario());
        put(params, SupervisionCasesView.STATUS, status);
        put(params, SupervisionCasesView.REQUEST_TYPE, requestType);
        return new QueryParameters(params);
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, List.of(value));
        }
    }
}
