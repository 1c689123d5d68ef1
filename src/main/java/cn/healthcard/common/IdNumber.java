package cn.healthcard.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A resident identity card number (居民身份证号码) as defined by GB 11643: a 6-digit region code (GB/T 2260),
 * an 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a check character.
 *
 * <p>A number keeps the region code of the place where it was issued, which may since have been abolished, so only
 * the province prefix is checked, not the full code against today's table.
 */
public final class IdNumber {

    /** The field key used in {@link DomainValidationException}s, as in the forms and the API. */
    public static final String FIELD = "documentNumber";

    private static final Pattern FORMAT = Pattern.compile("\\d{17}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final Set<String> PROVINCE_PREFIXES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String value;
    private final LocalDate birthDate;

    private IdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Parses and validates a number as typed: surrounding blanks are ignored and a lower-case {@code x} is accepted.
     *
     * @throws DomainValidationException on field {@value #FIELD}, with a message naming the rule that failed
     *                                   (length and characters, province prefix, birth date, check character)
     */
    public static IdNumber parse(String raw) {
        String value = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw invalid("居民身份证号码应为18位：前17位为数字，最后一位为数字或X");
        }
        if (!PROVINCE_PREFIXES.contains(value.substring(0, 2))) {
            throw invalid("居民身份证号码前两位不是有效的省级行政区划代码");
        }
        LocalDate birthDate = birthDate(value);
        if (checkCharacter(value) != value.charAt(17)) {
            throw invalid("居民身份证号码校验位错误，请核对号码");
        }
        return new IdNumber(value, birthDate);
    }

    private static LocalDate birthDate(String value) {
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw invalid("居民身份证号码中的出生日期不是有效日期");
        }
        if (date.isBefore(EARLIEST_BIRTH_DATE) || date.isAfter(LocalDate.now(CHINA))) {
            throw invalid("居民身份证号码中的出生日期应在1900年1月1日至今天之间");
        }
        return date;
    }

    private static char checkCharacter(String value) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static DomainValidationException invalid(String message) {
        return new DomainValidationException(FIELD, message);
    }

    /** The normalised 18-character number, check character upper case. */
    public String value() {
        return value;
    }

    /** The birth date encoded in characters 7–14. */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** The GB/T 2261.1 sex code: {@code "1"} (male) for an odd sequence number, {@code "2"} (female) for an even one. */
    public String sexCode() {
        return (value.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }

    /** The GB/T 2260 code of the issuing region (first 6 digits); it may no longer exist in today's table. */
    public String regionCode() {
        return value.substring(0, 6);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** The masked number (see {@link Masking#documentNumber(String)}), so that logs do not disclose it. */
    @Override
    public String toString() {
        return Masking.documentNumber(value);
    }
}
