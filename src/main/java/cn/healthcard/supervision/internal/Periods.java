package cn.healthcard.supervision.internal;

import cn.healthcard.supervision.Granularity;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Period labels: {@code 2026-12-07} (day), {@code 2026-W49} (ISO week, Monday first), {@code 2026-12} (month). */
final class Periods {

    private Periods() {
    }

    static String label(LocalDate day, Granularity g) {
        return switch (g) {
            case DAY -> day.toString();
            case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> day.toString().substring(0, 7);
        };
    }

    /** The labels of every period the range touches, in order. */
    static List<String> between(LocalDate from, LocalDate to, Granularity g) {
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            labels.add(label(d, g));
        }
        return new ArrayList<>(labels);
    }

    /** The last day of the period holding {@code day}, cut at {@code to}. */
    static LocalDate end(LocalDate day, Granularity g, LocalDate to) {
        LocalDate end = switch (g) {
            case DAY -> day;
            case WEEK -> day.plusDays(7 - day.getDayOfWeek().getValue());
            case MONTH -> day.withDayOfMonth(day.lengthOfMonth());
        };
        return end.isAfter(to) ? to : end;
    }
}
