package cn.healthcard.report;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How values are written on printed documents. */
final class ReportFormats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private ReportFormats() {
    }

    /** Chinese date and time to the minute, e.g. {@code 2026年11月22日 14:05}. */
    static String dateTime(LocalDateTime time) {
        return DATE_TIME.format(time);
    }
}
