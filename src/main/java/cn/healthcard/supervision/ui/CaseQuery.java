package cn.healthcard.supervision.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The case list's address read back into a measure and a filter. The address may have been edited by hand, so every
 * value is checked again: a known measure, ISO dates in order and at most {@link StatisticsFilter#MAX_DAYS} apart, a
 * region of six digits inside the caller's scope, codes (institution, card maker) of bounded length and plain
 * characters, a stage, a status and a request type of capital letters. What fails is named by its message key, one per field; nothing is queried then.
 */
record CaseQuery(Measure measure, StatisticsFilter filter, List<String> errors) {

    private static final Pattern REGION = Pattern.compile("\\d{6}");
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern STAGE = Pattern.compile("[A-Z_]{1,32}");

    boolean valid() {
        return errors.isEmpty();
    }

    static CaseQuery parse(Map<String, List<String>> params, CurrentUser user) {
        List<String> errors = new ArrayList<>();
        Measure measure = null;
        String m = single(params, SupervisionCasesView.MEASURE);
        try {
            measure = m == null ? null : Measure.valueOf(m);
        } catch (IllegalArgumentException e) {
            measure = null;
        }
        if (measure == null) {
            errors.add("supervision.cases.badMeasure");
        }
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        LocalDate from = date(params, SupervisionCasesView.FROM, today.withDayOfMonth(1), errors,
                "supervision.cases.badDate.from");
        LocalDate to = date(params, SupervisionCasesView.TO, today, errors, "supervision.cases.badDate.to");
        if (from != null && to != null && (to.isBefore(from)
                || ChronoUnit.DAYS.between(from, to) + 1 > StatisticsFilter.MAX_DAYS)) {
            errors.add("supervision.cases.badRange");
        }
        String region = single(params, SupervisionCasesView.REGION);
        if (region != null && (!REGION.matcher(region).matches() || !user.canSee(region))) {
            errors.add("supervision.cases.badRegion");
        }
        String institution = code(params, SupervisionCasesView.INSTITUTION, CODE, errors,
                "supervision.cases.badCode.institution");
        String maker = code(params, SupervisionCasesView.MAKER, CODE, errors, "supervision.cases.badCode.maker");
        String scenario = code(params, SupervisionCasesView.SCENARIO, STAGE, errors,
                "supervision.cases.badCode.scenario");
        String status = code(params, SupervisionCasesView.STATUS, STAGE, errors, "supervision.cases.badCode.status");
        String requestType = code(params, SupervisionCasesView.REQUEST_TYPE, STAGE, errors,
                "supervision.cases.badCode.requestType");
        var filter = new StatisticsFilter(from, to, Granularity.DAY, region, institution, maker, scenario, false,
                status, requestType);
        return new CaseQuery(measure, filter, List.copyOf(errors));
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    private static LocalDate date(Map<String, List<String>> params, String name, LocalDate absent,
                                  List<String> errors, String key) {
        String value = single(params, name);
        if (value == null) {
            return absent;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        errors.add(key);
        return null;
    }

    private static String code(Map<String, List<String>> params, String name, Pattern pattern, List<String> errors,
                               String key) {
        String value = single(params, name);
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(key);
            return null;
        }
        return value;
    }
}
