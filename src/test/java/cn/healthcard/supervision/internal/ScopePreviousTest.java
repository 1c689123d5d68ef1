package cn.healthcard.supervision.internal;

import cn.healthcard.supervision.Granularity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ScopePreviousTest {

    private static Scope scope(String from, String to, Granularity g) {
        return new Scope(LocalDate.parse(from), LocalDate.parse(to), g, "34", null, null, null, true, null);
    }

    @Test
    @DisplayName("SUP-02 a day series compares with as many days just before it")
    void days() {
        Scope p = scope("2026-10-01", "2026-10-31", Granularity.DAY).previous();
        assertThat(p.from()).isEqualTo("2026-08-31");
        assertThat(p.to()).isEqualTo("2026-09-30");
        assertThat(p.compare()).isFalse();
        assertThat(p.prefix()).isEqualTo("34");
    }

    @Test
    @DisplayName("SUP-02 a week series starting mid-week compares with the weeks before it cut on the same weekdays")
    void weeks() {
        // Wednesday 7 October to Saturday 31 October touches W41..W44
        Scope p = scope("2026-10-07", "2026-10-31", Granularity.WEEK).previous();
        assertThat(p.from()).isEqualTo("2026-09-09");
        assertThat(p.to()).isEqualTo("2026-10-03");
        assertThat(Periods.between(p.from(), p.to(), Granularity.WEEK)).containsExactly(
                "2026-W37", "2026-W38", "2026-W39", "2026-W40");
    }

    @Test
    @DisplayName("SUP-02 a month series compares month with month: whole months with whole months, a partial range with the same days of the months before")
    void months() {
        Scope whole = scope("2026-10-01", "2026-12-31", Granularity.MONTH).previous();
        assertThat(whole.from()).isEqualTo("2026-07-01");
        assertThat(whole.to()).isEqualTo("2026-09-30");
        Scope partial = scope("2026-10-15", "2026-12-10", Granularity.MONTH).previous();
        assertThat(partial.from()).isEqualTo("2026-07-15");
        assertThat(partial.to()).isEqualTo("2026-09-10");
        Scope february = scope("2026-03-01", "2026-03-31", Granularity.MONTH).previous();
        assertThat(february.from()).isEqualTo("2026-02-01");
        assertThat(february.to()).isEqualTo("2026-02-28");
    }

    @Test
    @DisplayName("SUP-02 for every range of up to 366 days and every granularity, the previous range holds exactly as many periods, so points compare one to one")
    void samePeriodCount() {
        LocalDate base = LocalDate.of(2026, 1, 1);
        for (Granularity g : Granularity.values()) {
            for (int start = 0; start < 400; start += 3) {
                for (int length = 0; length < 366; length += 7) {
                    LocalDate from = base.plusDays(start);
                    Scope s = new Scope(from, from.plusDays(length), g, "34", null, null, null, true, null);
                    Scope p = s.previous();
                    assertThat(p.to()).as("%s %s", g, s).isBefore(s.from());
                    assertThat(Periods.between(p.from(), p.to(), g)).as("%s %s", g, s)
                            .hasSameSizeAs(Periods.between(s.from(), s.to(), g));
                }
            }
        }
    }
}
