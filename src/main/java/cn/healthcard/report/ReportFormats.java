package cn.healthcard.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How values are written on printed documents. */
final class ReportFormats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** A date left blank to be written by hand: room for the year, month and day. */
    static final String BLANK_DATE = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日";

    private ReportFormats() {
    }

    /** Chinese date and time to the minute, e.g. {@code 2026年11月22日 14:05}. */
    static String dateTime(LocalDateTime time) {
        return DATE_TIME.format(time);
    }

    /** Chinese date, e.g. {@code 2026年11月22日}. */
    static String date(LocalDate date) {
        return DATE.format(date);
    }
}
