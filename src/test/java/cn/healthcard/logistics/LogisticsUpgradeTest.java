package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * The upgrade to V29 on a database of its own: cases already waiting for pick-up get their cards in stock at the desk
 * that handles them, so their pick-up goes on (the pick-up check refuses a card without stock).
 */
class LogisticsUpgradeTest {

    @Test
    @DisplayName("APP-10 V29 backfills stock: a card waiting for pick-up (application 待领卡, approved replacement) is IN_STOCK at the case's desk; an active card or one still in production gets none")
    void backfillsCardsWaitingForPickUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v29backfill;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        // up to the last version before V29 (whichever that is once the other parts of the chain are merged)
        Flyway before = Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").load();
        String last = java.util.Arrays.stream(before.info().all()).map(m -> m.getVersion())
                .filter(v -> v.compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion("29")) < 0)
                .max(java.util.Comparator.naturalOrder()).orElseThrow().getVersion();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").target(last).load().migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        db.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES "
                + "('UP-620102', '城关网点', '620102', 'SERVICE_POINT', TRUE, CURRENT_TIMESTAMP), "
                + "('UP-620103', '七里河网点', '620103', 'SERVICE_POINT', TRUE, CURRENT_TIMESTAMP)");
        for (String r : List.of("R1", "R2", "R3")) {
            db.update("INSERT INTO resident (id, document_type, document_index, document_no_enc, name_enc, name_index,"
                    + " sex, ethnicity, birth_date, phone_enc, address_enc, blood_type_abo, blood_type_rh, region_code,"
                    + " created_at, updated_at, version) VALUES (?, '01', ?, 'x', 'x', 'x', '1', '01', DATE '1990-01-01',"
                    + " 'x', 'x', 'A', 'RH+', '620102', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)", r, "IDX-" + r);
        }
        application(db, "A-READY", "R1", "READY", "C-READY");
        card(db, "C-READY", "R1", "A-READY", "READY");
        application(db, "A-ISSUED", "R2", "ISSUED", "C-ACTIVE");
        card(db, "C-ACTIVE", "R2", "A-ISSUED", "ACTIVE");
        application(db, "A-PROD", "R3", "IN_PRODUCTION", null);
        // R2's card replaced: the request was filed at the other desk, the new card is made and waits there
        card(db, "C-NEW", "R2", "A-ISSUED", "READY");
        db.update("INSERT INTO card_request (id, request_type, card_no, resident_id, region_code, institution_code,"
                + " status, channel, form_data, new_card_no, created_by, created_at, updated_at, version) VALUES"
                + " ('Q-1', 'REPLACEMENT', 'C-ACTIVE', 'R2', '620103', 'UP-620103', 'APPROVED', 'DESK', '{}',"
                + " 'C-NEW', 'clerk', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");

        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").load().migrate();

        List<Map<String, Object>> stock = db.queryForList("SELECT card_no, case_id, desk_code, place_code,"
                + " place_region, status FROM stock_item ORDER BY card_no");
        assertThat(stock).hasSize(2);
        assertThat(stock.get(0)).containsEntry("CARD_NO", "C-NEW").containsEntry("CASE_ID", "Q-1")
                .containsEntry("PLACE_CODE", "UP-620103").containsEntry("DESK_CODE", "UP-620103")
                .containsEntry("PLACE_REGION", "620103").containsEntry("STATUS", "IN_STOCK");
        assertThat(stock.get(1)).containsEntry("CARD_NO", "C-READY").containsEntry("CASE_ID", "A-READY")
                .containsEntry("PLACE_CODE", "UP-620102").containsEntry("PLACE_REGION", "620102")
                .containsEntry("STATUS", "IN_STOCK");
        db.execute("DROP ALL OBJECTS");
    }

    private static void application(JdbcTemplate db, String id, String resident, String status, String cardNo) {
        db.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status, channel,"
                + " card_no, created_by, created_at, updated_at, version) VALUES (?, ?, 'UP-620102', '620102', ?,"
                + " 'DESK', ?, 'clerk', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)", id, resident, status, cardNo);
    }

    private static void card(JdbcTemplate db, String cardNo, String resident, String application, String status) {
        db.update("INSERT INTO card (card_no, resident_id, application_id, status, region_code, institution_code,"
                + " created_at, updated_at, version) VALUES (?, ?, ?, ?, '620102', 'UP-620102', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, 0)", cardNo, resident, application, status);
    }
}
