package cn.healthcard.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times are stored as instants (UTC) and shown in China Standard Time, whatever the server's own zone. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    private ChinaTime() {
    }

    /** {@code 2026-11-22 10:05}; empty for null. */
    public static String minutes(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    /** {@code 2026-11-22 10:05:09}; empty for null. */
    public static String seconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
