package cn.healthcard.logistics;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shipment whose receiver the institution register does not know (a code from an older register, or removed)
 * is listed with its code as its name: the failed name lookup must not doom the list's transaction (it answered
 * 500 "rolled back because it has been marked as rollback-only" once).
 */
@IntegrationTest
class ShipmentListUnknownPlaceIT {

    @Autowired ShipmentService shipments;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;

    @Test
    @DisplayName("APP-11 the shipment list shows a receiver unknown to the register by its code, and the list still answers")
    void unknownReceiverIsShownByCode() {
        String receiver = "UNK-" + UUID.randomUUID().toString().substring(0, 8);
        String shipmentNo = "SUP" + UUID.randomUUID().toString().substring(0, 12);
        jdbc.update("INSERT INTO shipment (id, shipment_no, kind, item_kind, sender_code, sender_region, receiver_code, "
                        + "receiver_region, status, card_count, received_count, created_by, created_at, version) "
                        + "VALUES (?, ?, 'CENTRE_TO_INST', 'SAM', 'GZS-520000', '520000', ?, '520102', 'DISPATCHED', 1, "
                        + "NULL, 'test', ?, 0)",
                UUID.randomUUID().toString(), shipmentNo, receiver, LocalDateTime.now().plusYears(1));

        // newest first: dated ahead so it is on the first page of the shared database's shipments; removed after
        var listed = users.as("admin", () -> shipments.list(200));
        jdbc.update("DELETE FROM shipment WHERE shipment_no = ?", shipmentNo);

        assertThat(listed).filteredOn(s -> s.shipmentNo().equals(shipmentNo)).singleElement()
                .satisfies(s -> assertThat(s.receiverName()).isEqualTo(receiver));
    }
}
