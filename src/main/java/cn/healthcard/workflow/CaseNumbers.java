package cn.healthcard.workflow;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DatabaseSequences;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The one generator of case numbers (申领编号, 业务编号, 密钥仪式编号 …): prefix, the region code if the case has one,
 * the date in China, and a serial from a database sequence, e.g. {@code SQ11010520261122000123}. Readable over the
 * phone, unique across nodes (the sequence is the database's), the same on H2, PostgreSQL and Oracle.
 */
@Component
public class CaseNumbers {

    /**
     * How one kind of case is numbered.
     *
     * @param prefix   two capital letters naming the kind of case, e.g. {@code SQ}
     * @param sequence the database sequence of the serial (a Flyway migration creates it)
     * @param digits   digits of the serial; it wraps (modulo) rather than grow the number
     */
    public record Format(String prefix, String sequence, int digits) {
        public Format {
            if (prefix == null || !prefix.matches("[A-Z]{2}") || sequence == null || digits < 1 || digits > 9) {
                throw new IllegalArgumentException("bad case number format " + prefix + "/" + sequence + "/" + digits);
            }
        }
    }

    private final DatabaseSequences sequences;
    private final Clock clock;

    CaseNumbers(DatabaseSequences sequences, Clock clock) {
        this.sequences = sequences;
        this.clock = clock;
    }

    /** The next number of a case without a region, e.g. {@code KC202611220007}. */
    public String next(Format format) {
        return next(format, "");
    }

    /** The next number of a case filed in a region, e.g. {@code RQ11010520261122000123}. */
    public String next(Format format, String regionCode) {
        return format(format, regionCode, LocalDate.now(clock.withZone(ChinaTime.ZONE)),
                sequences.next(format.sequence()));
    }

    /** The number made of its parts (for tests and for reading numbers back). */
    public static String format(Format format, String regionCode, LocalDate date, long serial) {
        long modulo = (long) Math.pow(10, format.digits());
        return format.prefix() + (regionCode == null ? "" : regionCode) + date.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%0" + format.digits() + "d", serial % modulo);
    }
}
