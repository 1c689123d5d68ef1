package cn.healthcard.supervision.internal;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.RegionOutOfScopeException;
import cn.healthcard.supervision.StatisticsFilter;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@link StatisticsFilter} checked and resolved against the caller (decision 036): China dates (absent: the last 30
 * days up to today), the region range {@code [prefix000000, prefix999999]} of the caller's scope or of the filter's
 * region inside it, and the level rows are broken down by (the scope's next level). Bad values give a 400 naming the
 * field; a region outside the caller's scope a 403 naming {@code regionCode}.
 */
public record Scope(LocalDate from, LocalDate to, Granularity granularity, String prefix, String institutionCode,
                    String makerCode, String scenario, boolean compare, String status, String requestType) {

    /** A scope without a request type. */
    public Scope(LocalDate from, LocalDate to, Granularity granularity, String prefix, String institutionCode,
                 String makerCode, String scenario, boolean compare, String status) {
        this(from, to, granularity, prefix, institutionCode, makerCode, scenario, compare, status, null);
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern STAGE = Pattern.compile("[A-Z_]{1,32}");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    /** Checks the filter as the current user, today by the system clock (tests; the service passes its Clock). */
    public static Scope of(StatisticsFilter f) {
        return of(f, Clock.systemUTC());
    }

    /**
     * Checks the filter as the current user, "today" being the clock's China date; throws on the first bad fields
     * (all of them listed).
     */
    public static Scope of(StatisticsFilter f, Clock clock) {
        CurrentUser user = SecurityContextUsers.require();
        StatisticsFilter filter = f == null ? StatisticsFilter.of(null, null) : f;
        List<FieldViolation> bad = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate to = filter.to() == null ? today : filter.to();
        LocalDate from = filter.from() == null ? to.minusDays(29) : filter.from();
        boolean fromBad = from.isBefore(EARLIEST) || from.isAfter(today.plusYears(1));
        boolean toBad = to.isBefore(EARLIEST) || to.isAfter(today.plusYears(1));
        // both dates are reported at once when both are out of bounds
        if (fromBad) {
            bad.add(new FieldViolation("from", "「开始日期」应在2000-01-01之后、一年之内"));
        }
        if (toBad) {
            bad.add(new FieldViolation("to", "「结束日期」应在2000-01-01之后、一年之内"));
        }
        // the order and the length are judged only from dates within bounds
        if (!fromBad && !toBad && from.isAfter(to)) {
            bad.add(new FieldViolation("from", "「开始日期」不能晚于「结束日期」"));
        } else if (!fromBad && !toBad && ChronoUnit.DAYS.between(from, to) >= StatisticsFilter.MAX_DAYS) {
            bad.add(new FieldViolation("to", "统计区间最长" + StatisticsFilter.MAX_DAYS + "天"));
        }
        code(bad, "institutionCode", "机构", filter.institutionCode(), CODE);
        code(bad, "makerCode", "制卡机构", filter.makerCode(), CODE);
        code(bad, "scenario", "使用环节", filter.scenario(), STAGE);
        // the slice's value: its form here, whether the measure knows it where the list is built (CaseQueries)
        code(bad, "status", "状态", filter.status(), STAGE);
        String status = blankToNull(filter.status());
        String requestType = blankToNull(filter.requestType());
        if (requestType != null && java.util.Arrays.stream(RequestType.values())
                .noneMatch(t -> t.name().equals(requestType))) {
            bad.add(new FieldViolation("requestType", "「业务类型」不是有效的类型"));
        }
        RegionCode region = null;
        if (filter.regionCode() != null && !filter.regionCode().isBlank()) {
            if (!filter.regionCode().strip().matches("\\d{6}")) {
                bad.add(new FieldViolation(RegionCode.FIELD, "「地区」应为6位行政区划代码"));
            } else {
                region = RegionCode.of(filter.regionCode());
            }
        }
        if (!bad.isEmpty()) {
            throw new DomainValidationException(bad);
        }
        if (region != null && !user.region().covers(region)) {
            throw new RegionOutOfScopeException();
        }
        String prefix = (region == null ? user.region() : region).scopePrefix();
        return new Scope(from, to, filter.granularity() == null ? Granularity.DAY : filter.granularity(), prefix,
                blankToNull(filter.institutionCode()), blankToNull(filter.makerCode()), blankToNull(filter.scenario()),
                filter.compare(), status, requestType);
    }

    /** The scope of the current user as a whole (the dashboard, the overview's snapshot counts). */
    public static Scope ofUser(Clock clock) {
        return of(StatisticsFilter.of(null, null), clock);
    }

    /**
     * Whether usage rows are kept per institution: in a city's scope or below, or for one institution; a national or
     * province scope sums its institutions per next-level region (decision 040).
     */
    public boolean perInstitution() {
        return prefix.length() >= 4 || institutionCode != null;
    }

    /**
     * The same scope over the range before, for comparison point by point: a day series over as many days just
     * before; a week series shifted back by as many whole weeks as it touches, and a month series by as many months,
     * so that both ranges hold the same number of periods cut on the same weekdays or days of the month (a partial
     * first week is compared with the partial week before it, not with a whole one). A range ending on a month's last
     * day compares with ranges ending on their months' last days.
     */
    public Scope previous() {
        LocalDate start;
        LocalDate end;
        switch (granularity) {
            case WEEK -> {
                long weeks = Periods.between(from, to, granularity).size();
                start = from.minusWeeks(weeks);
                end = to.minusWeeks(weeks);
            }
            case MONTH -> {
                long months = Periods.between(from, to, granularity).size();
                start = from.minusMonths(months);
                end = to.minusMonths(months);
                if (to.getDayOfMonth() == to.lengthOfMonth()) {
                    end = end.withDayOfMonth(end.lengthOfMonth());
                }
            }
            default -> {
                start = from.minusDays(ChronoUnit.DAYS.between(from, to) + 1);
                end = from.minusDays(1);
            }
        }
        return new Scope(start, end, granularity, prefix, institutionCode, makerCode, scenario, false, status,
                requestType);
    }

    /** The same scope on one day. */
    public Scope on(LocalDate day) {
        return new Scope(day, day, granularity, prefix, institutionCode, makerCode, scenario, false, status);
    }

    /** The lowest region code of the scope, for {@code region_code BETWEEN low AND high}. */
    public String low() {
        return (prefix + "000000").substring(0, 6);
    }

    public String high() {
        return (prefix + "999999").substring(0, 6);
    }

    /**
     * The region a row of {@code regionCode} is counted under: the scope's next level (the provinces for the
     * national centre, a province's cities, a city's counties; a county itself).
     */
    public String breakdown(String regionCode) {
        if (regionCode == null) {
            return null;
        }
        String code = regionCode.strip();
        return switch (prefix.length()) {
            case 0 -> code.substring(0, 2) + "0000";
            case 2 -> code.substring(0, 4) + "00";
            default -> code;
        };
    }

    /** The start of the first day as the UTC wall time the application's timestamp columns hold. */
    public LocalDateTime utcFrom() {
        return utc(from);
    }

    /** The start of the day after the last, UTC. */
    public LocalDateTime utcUntil() {
        return utc(to.plusDays(1));
    }

    /** The start of the first day in the JVM's zone, the wall time the process engine's columns hold. */
    public LocalDateTime engineFrom() {
        return engine(from);
    }

    public LocalDateTime engineUntil() {
        return engine(to.plusDays(1));
    }

    static LocalDateTime utc(LocalDate day) {
        return LocalDateTime.ofInstant(day.atStartOfDay(ChinaTime.ZONE).toInstant(), ZoneOffset.UTC);
    }

    static LocalDateTime engine(LocalDate day) {
        return LocalDateTime.ofInstant(day.atStartOfDay(ChinaTime.ZONE).toInstant(), ZoneId.systemDefault());
    }

    private static void code(List<FieldViolation> bad, String field, String label, String value, Pattern pattern) {
        if (value != null && !value.isBlank() && !pattern.matcher(value.strip()).matches()) {
            bad.add(new FieldViolation(field, "「" + label + "」的格式不正确"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
