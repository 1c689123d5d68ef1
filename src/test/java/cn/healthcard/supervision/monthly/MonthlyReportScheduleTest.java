package cn.healthcard.supervision.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.supervision.process.MonthlyReportSchedule;
import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

/**
 * The monthly report's timer (decision 037): the cron the timer start event gets is computed for the JVM's zone so
 * that it fires at 01:00 China time on the 1st; a zone with daylight saving is refused.
 */
class MonthlyReportScheduleTest {

    static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    @DisplayName("BPM-06 the cron for UTC is 17:00 on the last day of the month, for Shanghai 01:00 on the 1st")
    void cronPerZone() {
        assertThat(MonthlyReportSchedule.cronFor(ZoneId.of("UTC"), NOW)).isEqualTo("0 0 17 L * ?");
        assertThat(MonthlyReportSchedule.cronFor(ZoneId.of("Asia/Shanghai"), NOW)).isEqualTo("0 0 1 1 * ?");
        assertThat(MonthlyReportSchedule.cronFor(ZoneId.of("Asia/Tokyo"), NOW)).isEqualTo("0 0 2 1 * ?");
        assertThat(MonthlyReportSchedule.cronFor(ZoneId.of("Asia/Kolkata"), NOW)).isEqualTo("0 30 22 L * ?");
    }

    @Test
    @DisplayName("BPM-06 a zone with daylight saving is refused with a message naming the way out")
    void daylightSavingRefused() {
        assertThatThrownBy(() -> MonthlyReportSchedule.cronFor(ZoneId.of("Europe/Berlin"), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Europe/Berlin").hasMessageContaining("夏令时")
                .hasMessageContaining("healthcard.monthly-report.cron");
    }

    @Test
    @DisplayName("BPM-06 the engine's cron timer, read in the zone, next fires on the 1st at 01:00 China time")
    void nextFireIsFirstAtOneChina() throws Exception {
        for (String zone : new String[] {"UTC", "Asia/Shanghai", "Asia/Tokyo", "Asia/Kolkata"}) {
            TimeZone previous = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            try {
                String cron = MonthlyReportSchedule.cronFor(ZoneId.of(zone), NOW);
                // from 7 December 2026 and from 31 January 2027 (a month of 31 days, then February)
                assertThat(next(cron, Instant.parse("2026-12-07T08:00:00Z"))).as(zone)
                        .isEqualTo(LocalDateTime.parse("2027-01-01T01:00"));
                assertThat(next(cron, Instant.parse("2027-01-31T18:00:00Z"))).as(zone)
                        .isEqualTo(LocalDateTime.parse("2027-03-01T01:00"));
                assertThat(next(cron, Instant.parse("2027-02-01T00:00:00Z"))).as(zone)
                        .isEqualTo(LocalDateTime.parse("2027-03-01T01:00"));
            } finally {
                TimeZone.setDefault(previous);
            }
        }
    }

    /** The next fire time of the cron after {@code from}, as China local time. */
    private static LocalDateTime next(String cron, Instant from) throws Exception {
        Date next = CronTimer.parse(cron).getDueDate(Date.from(from));
        return LocalDateTime.ofInstant(next.toInstant(), MonthlyReportSchedule.CHINA);
    }
}
