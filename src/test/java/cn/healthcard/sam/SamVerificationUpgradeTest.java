package cn.healthcard.sam;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The upgrade to V35 on a database of its own: verification counter rows counted before it get the SAM bound to their
 * terminal at the end of their China day from the binding history, so SAM-05 usage keeps them (decision 030).
 */
class SamVerificationUpgradeTest {

    private static final String COMMON = "classpath:db/migration/common";

    @Test
    @DisplayName("SAM-05 V35 backfills the SAM of old verification counts from the binding history: the SAM bound at the end of the China day (a bind at 16:00Z counts from the next day, an unbind after 16:00Z still counts that day), '-' where none was bound")
    void backfillsSamFromBindingHistory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v35backfill;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        String last = Arrays.stream(Flyway.configure().dataSource(ds).locations(COMMON).load().info().all())
                .map(m -> m.getVersion()).filter(v -> v.compareTo(MigrationVersion.fromVersion("35")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow().getVersion();
        Flyway.configure().dataSource(ds).locations(COMMON).target(last).load().migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        for (String sam : new String[] {"S1", "S2", "S3"}) {
            db.update("INSERT INTO sam_card (sam_no, maker_code, batch_no, ordering_centre_code, place_code,"
                    + " place_region, state, made_at, updated_by, updated_at, version) VALUES (?, 'M', 'B', 'C', 'H',"
                    + " '520102', 'ACTIVE', CURRENT_TIMESTAMP, 'x', CURRENT_TIMESTAMP, 0)", sam);
        }
        binding(db, "S1", "BIND", "T1", "2026-11-01T02:00:00Z");
        binding(db, "S1", "UNBIND", "T1", "2026-11-03T17:00:00Z");
        binding(db, "S2", "BIND", "T1", "2026-11-04T01:00:00Z");
        binding(db, "S3", "BIND", "T2", "2026-11-05T16:00:00Z");
        count(db, "2026-10-31", "T1");
        count(db, "2026-11-01", "T1");
        count(db, "2026-11-03", "T1");
        count(db, "2026-11-04", "T1");
        count(db, "2026-11-05", "T2");
        count(db, "2026-11-06", "T2");

        Flyway.configure().dataSource(ds).locations(COMMON).load().migrate();

        assertThat(db.queryForList("SELECT CONCAT(CAST(count_date AS VARCHAR), ' ', terminal_id, ' ', sam_no, ' ',"
                + " scene, ' ', verifications) FROM ehc_verification_count ORDER BY count_date", String.class))
                .containsExactly("2026-10-31 T1 - UNKNOWN 7", "2026-11-01 T1 S1 UNKNOWN 7",
                        "2026-11-03 T1 S1 UNKNOWN 7", "2026-11-04 T1 S2 UNKNOWN 7", "2026-11-05 T2 - UNKNOWN 7",
                        "2026-11-06 T2 S3 UNKNOWN 7");
        db.execute("DROP ALL OBJECTS");
    }

    private static void binding(JdbcTemplate db, String sam, String action, String terminal, String at) {
        db.update("INSERT INTO sam_binding (sam_no, action, institution_code, region_code, terminal_type, terminal_no,"
                + " done_by, done_at) VALUES (?, ?, 'H', '520102', 'POS', ?, 'x', ?)", sam, action, terminal,
                Timestamp.valueOf(java.time.LocalDateTime.ofInstant(Instant.parse(at), java.time.ZoneOffset.UTC)));
    }

    private static void count(JdbcTemplate db, String day, String terminal) {
        db.update("INSERT INTO ehc_verification_count (count_date, institution_code, terminal_id, outcome,"
                + " region_code, verifications) VALUES (?, 'H', ?, 'VERIFIED', '520102', 7)",
                java.sql.Date.valueOf(day), terminal);
    }
}
