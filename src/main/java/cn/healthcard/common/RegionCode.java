package cn.healthcard.common;

import java.util.regex.Pattern;

/**
 * An administrative division code (GB/T 2260): 6 digits, province {@code XX0000}, prefecture-level city
 * {@code XXXX00} or county.
 *
 * <p>{@code 000000} stands for the whole country (the national registration centre).
 *
 * <p>Used for region scoping: a registration centre sees its own region and the regions below it
 * ({@link #covers(RegionCode)}).
 *
 * @param value the 6 digits
 */
public record RegionCode(String value) {

    /** The field key used in {@link DomainValidationException}s. */
    public static final String FIELD = "regionCode";

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    /** The level of a division, read from the shape of its code. */
    public enum Level { NATIONAL, PROVINCE, CITY, COUNTY }

    /** The whole country: the national centre's region, covering every other. */
    public static final RegionCode NATIONAL = new RegionCode("000000");

    /** @throws DomainValidationException on field {@value #FIELD} unless {@code value} is exactly 6 digits */
    public RegionCode {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            throw new DomainValidationException(FIELD, "行政区划代码应为6位数字");
        }
    }

    /** Parses a code, ignoring surrounding blanks. */
    public static RegionCode of(String raw) {
        return new RegionCode(raw == null ? null : raw.strip());
    }

    /** {@code PROVINCE} if the code ends with {@code 0000}, {@code CITY} if it ends with {@code 00}, else {@code COUNTY}. */
    public Level level() {
        if (value.equals("000000")) {
            return Level.NATIONAL;
        }
        if (value.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return value.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /** The significant leading digits: {@code "11"} for 110000, {@code "1101"} for 110100, {@code "110105"} for 110105. */
    public String scopePrefix() {
        return switch (level()) {
            case NATIONAL -> "";
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY -> value;
        };
    }

    /** Whether {@code other} is this region or lies within it. */
    public boolean covers(RegionCode other) {
        return other.value.startsWith(scopePrefix());
    }

    @Override
    public String toString() {
        return value;
    }
}
