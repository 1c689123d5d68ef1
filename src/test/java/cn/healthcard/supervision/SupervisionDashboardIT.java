package cn.healthcard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The home dashboard per scope with the statistics fixture's exact numbers, while Shandong has an application of today
 * and a card lost this week that Anhui's supervisors must not count; and the row cap of the issuing and usage tables.
 */
@IntegrationTest
class SupervisionDashboardIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired ApplicationEventPublisher events;
    @Autowired SupervisionStatistics statistics;

    @Autowired StatisticsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture.ensure();
    }

    @AfterEach
    void tearDown() {
        jdbc.update("DELETE FROM card_event WHERE card_no = '000000ST0000000006' AND seq = 91");
        jdbc.update("DELETE FROM card_application WHERE id = 'SQST0091'");
        jdbc.update("DELETE FROM institution WHERE code LIKE 'ST-CAP-%'");
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 ORG-05 the dashboard's five figures per scope are the fixture's exact numbers; Shandong's rows of today are not Anhui's")
    void dashboardPerScope() {
        Timestamp now = Timestamp.from(Instant.now());
        String resident = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0008'",
                String.class);
        jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status, channel,"
                + " created_by, created_at, updated_at, version) VALUES ('SQST0091', ?, 'ST-370102', '370102',"
                + " 'SUBMITTED', 'UI', 'stclerk34', ?, ?, 0)", resident, now, now);
        jdbc.update("INSERT INTO card_event (card_no, seq, action, from_status, to_status, actor, occurred_at)"
                + " VALUES ('000000ST0000000006', 91, 'REPORT_LOSS', 'ACTIVE', 'REPORTED_LOST', 'stclerk34', ?)", now);
        fixture.rebuildRollups(); // written around the events

        // Anhui: SQST0009 today; SQST0004 and SQST0009 waiting; the clerk's task of 5 days and the group task of SQST0004; 000000ST0000000004 (Wuhu) lost
        assertThat(users.as("stsup34", () -> statistics.dashboard())).isEqualTo(new Dashboard(1, 2, 2, 0, 1));
        assertThat(users.as("staud34", () -> statistics.dashboard())).isEqualTo(new Dashboard(1, 2, 2, 0, 1));
        // Hefei: the same desk 340102, but the lost card is Wuhu's
        assertThat(users.as("stsup3401", () -> statistics.dashboard())).isEqualTo(new Dashboard(1, 2, 2, 0, 0));
        // Shandong: SQST0091 today; SQST0008 and SQST0091 waiting; no task; 000000ST0000000006 lost
        assertThat(users.as("stsup37", () -> statistics.dashboard())).isEqualTo(new Dashboard(1, 2, 0, 0, 1));
    }

    @Test
    @DisplayName("SUP-02 SUP-03 a table of more than 20000 rows (366 days by day × institutions; × stages for usage) is refused naming to, before any row is built")
    void rowCap() {
        Long present = jdbc.queryForObject("SELECT COUNT(*) FROM institution", Long.class);
        long needed = StatisticsFilter.MAX_ROWS / StatisticsFilter.MAX_DAYS + 1 - present;
        for (int i = 0; i < needed; i++) {
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at)"
                    + " VALUES (?, '统计上限测试网点', '340102', 'SERVICE_POINT', TRUE, ?)", "ST-CAP-" + i,
                    Timestamp.from(Instant.now()));
        }
        // usage in a city is kept per medical institution and stage: 366 days × 7 institutions × 9 stages > 20000
        // (decision 040; in Fujian, which no other test reads)
        for (int i = 0; i < 7; i++) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM institution WHERE code = ?", Long.class, "ST-CAPM-" + i) == 0) {
                jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at)"
                        + " VALUES (?, '统计上限测试医院', '350102', 'MEDICAL', TRUE, ?)", "ST-CAPM-" + i,
                        Timestamp.from(Instant.now()));
            }
        }
        LocalDate to = StatisticsFixture.TO;
        var year = StatisticsFilter.of(to.minusDays(StatisticsFilter.MAX_DAYS - 1), to);
        for (var call : java.util.List.<Runnable>of(() -> statistics.issuing(year),
                () -> statistics.usage(year.withRegion("350100")))) {
            assertThatThrownBy(() -> users.run("admin", call))
                    .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("to");
                            assertThat(v.message()).contains("20000", "统计期间", "地区");
                        });
                    });
        }
        // by month, or one province's October by day, stays well below the cap and is answered; so does a province's
        // usage of a year by day, summed per city and stage (decision 040)
        assertThat(users.as("stsup34", () -> statistics.usage(year.withRegion("340000")))).isNotEmpty();
        assertThat(users.as("admin", () -> statistics.issuing(year.withGranularity(Granularity.MONTH)))).isNotEmpty();
        assertThat(users.as("stsup34", () -> statistics.issuing(
                StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO)))).isNotEmpty();
    }
}
