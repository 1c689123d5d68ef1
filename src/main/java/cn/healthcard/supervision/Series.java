package cn.healthcard.supervision;

import java.util.List;

/**
 * A time series: one point per period (label such as {@code 2026-12-07}, {@code 2026-W49}, {@code 2026-12}) and, when
 * asked to compare, the value of the same point in the previous period of equal length.
 */
public record Series(String name, List<Point> points) {

    public record Point(String period, long value, Long previous) {
    }
}
