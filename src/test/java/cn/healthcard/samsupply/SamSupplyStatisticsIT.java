package cn.healthcard.samsupply;

import static cn.healthcard.samsupply.SamSupplyFixtures.NATIONAL_SUP;
import static cn.healthcard.samsupply.SamSupplyFixtures.OTHER_PROVINCE_SUP;
import static cn.healthcard.samsupply.SamSupplyFixtures.PROVINCE_SUP;
import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.samsupply.SamSupplyStatistics.Filter;
import cn.healthcard.samsupply.SamSupplyStatistics.IssuingRow;
import cn.healthcard.samsupply.SamSupplyStatistics.ProductionRow;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The supervision sums over a known set of orders and shipments written straight into the tables (a maker and
 * institutions of this run only): exact numbers per China day (UTC+8 at the day's edges), scoped to the caller's
 * region, with the filters.
 */
@IntegrationTest
class SamSupplyStatisticsIT {

    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36)
            .toUpperCase();
    private static final String MAKER = "STM-" + RUN;
    private static final String GUIZHOU_INST = "STI-520102-" + RUN;
    private static final String HENAN_INST = "STI-410102-" + RUN;
    private static final LocalDate D1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate D2 = LocalDate.of(2025, 3, 2);
    private static final LocalDate D3 = LocalDate.of(2025, 3, 3);

    @Autowired ApplicationContext context;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired SamSupplyStatistics statistics;

    private static boolean written;

    @BeforeEach
    void data() {
        SamSupplyFixtures.ensure(context);
        if (written) {
            return;
        }
        written = true;
        // orders (UTC times): China 03-02 00:30, 18:00, 23:59; 03-03 00:00; another province 03-02; 03-01 23:59
        order("520102", "MADE", 10, 9, 1, "2025-03-01T16:30");
        order("520102", "ORDERED", 5, 0, 0, "2025-03-02T10:00");
        order("520302", "FAILED", 4, 0, 0, "2025-03-02T15:59");
        order("520102", "SENDING", 3, 0, 0, "2025-03-02T16:00");
        order("410102", "MADE", 7, 7, 0, "2025-03-02T02:00");
        order("520102", "MADE", 2, 2, 0, "2025-03-01T15:59");
        // SAM warehouse-outs to institutions, and what must not count: a card shipment, a SAM shipment to a centre
        shipment("SAM", "CENTRE_TO_INST", GUIZHOU_INST, "520102", "RECEIVED", 100, 98, "2025-03-02T01:00");
        shipment("SAM", "CENTRE_TO_INST", GUIZHOU_INST, "520102", "DISPATCHED", 50, null, "2025-03-02T03:00");
        shipment("SAM", "CENTRE_TO_INST", GUIZHOU_INST, "520102", "RECEIVED", 20, 20, "2025-03-01T15:00");
        shipment("SAM", "CENTRE_TO_INST", HENAN_INST, "410102", "RECEIVED", 30, 30, "2025-03-02T01:00");
        shipment("CARD", "CENTRE_TO_INST", GUIZHOU_INST, "520102", "RECEIVED", 999, 999, "2025-03-02T01:00");
        shipment("SAM", "CENTRE_TO_CENTRE", GUIZHOU_INST, "520102", "RECEIVED", 77, 77, "2025-03-02T01:00");
    }

    /** The next attempt of the rows written here: never due, so the order sender leaves them alone. */
    private static final LocalDateTime NEVER = LocalDateTime.of(2999, 1, 1, 0, 0);

    private void order(String region, String status, int quantity, int made, int failed, String orderedAtUtc) {
        String no = "SPT" + RUN + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO sam_order (order_no, plan_no, application_no, maker_code, receiver_code, "
                        + "institution_code, region_code, quantity, status, attempts, made_count, failed_count, "
                        + "ordered_at, next_attempt_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 0)",
                no + "-001", no, "SST" + no, MAKER, "GZS-520000", "STI-" + region + "-" + RUN, region, quantity,
                status, made, failed, LocalDateTime.parse(orderedAtUtc), NEVER);
    }

    private void shipment(String itemKind, String kind, String receiver, String region, String status, int count,
                          Integer received, String createdAtUtc) {
        jdbc.update("INSERT INTO shipment (id, shipment_no, kind, item_kind, sender_code, sender_region, receiver_code, "
                        + "receiver_region, status, card_count, received_count, created_by, created_at, version) "
                        + "VALUES (?, ?, ?, ?, 'GZS-520000', '520000', ?, ?, ?, ?, ?, 'test', ?, 0)",
                UUID.randomUUID().toString(), "STS" + RUN + UUID.randomUUID().toString().substring(0, 8), kind,
                itemKind, receiver, region, status, count, received, LocalDateTime.parse(createdAtUtc));
    }

    @Test
    @DisplayName("SAM-05 4.3.5.1 production sums per China day and maker, exact over a known set: applied, made, failed, open, order failed, progress and success rate; the caller's region only; region filter")
    void production() {
        assertThat(users.as(PROVINCE_SUP, () -> statistics.production(new Filter(D2, D3, MAKER, null, null))))
                .containsExactly(
                        new ProductionRow(D2, MAKER, MAKER, 19, 9, 1, 5, 4, 73.7, 90.0),
                        new ProductionRow(D3, MAKER, MAKER, 3, 0, 0, 3, 0, 0.0, 0.0));
        assertThat(users.as(NATIONAL_SUP, () -> statistics.production(new Filter(D1, D2, MAKER, null, null))))
                .containsExactly(
                        new ProductionRow(D1, MAKER, MAKER, 2, 2, 0, 0, 0, 100.0, 100.0),
                        new ProductionRow(D2, MAKER, MAKER, 26, 16, 1, 5, 4, 80.8, 94.1));
        assertThat(users.as(PROVINCE_SUP, () -> statistics.production(new Filter(D2, D2, MAKER, "520300", null))))
                .containsExactly(new ProductionRow(D2, MAKER, MAKER, 4, 0, 0, 0, 4, 100.0, 0.0));
        assertThat(users.as(OTHER_PROVINCE_SUP, () -> statistics.production(new Filter(D1, D3, MAKER, null, null))))
                .containsExactly(new ProductionRow(D2, MAKER, MAKER, 7, 7, 0, 0, 0, 100.0, 100.0));
        // the other province asked for explicitly stays out of a provincial supervisor's sums
        assertThat(users.as(PROVINCE_SUP, () -> statistics.production(new Filter(D1, D3, MAKER, null,
                "STI-410102-" + RUN)))).isEmpty();
    }

    @Test
    @DisplayName("SAM-05 4.3.5.2 issuing sums per China day, region and institution, exact over a known set: only SAM warehouse-outs to institutions; signed for = counted in at the receipt; the caller's region only")
    void issuing() {
        assertThat(users.as(PROVINCE_SUP, () -> statistics.issuing(new Filter(D1, D3, null, null, GUIZHOU_INST))))
                .containsExactly(
                        new IssuingRow(D1, "520102", GUIZHOU_INST, GUIZHOU_INST, 20, 20, 0),
                        new IssuingRow(D2, "520102", GUIZHOU_INST, GUIZHOU_INST, 150, 98, 52));
        assertThat(users.as(PROVINCE_SUP, () -> statistics.issuing(new Filter(D1, D3, null, null, HENAN_INST))))
                .isEmpty();
        assertThat(users.as(OTHER_PROVINCE_SUP, () -> statistics.issuing(new Filter(D1, D3, null, null,
                HENAN_INST)))).containsExactly(new IssuingRow(D2, "410102", HENAN_INST, HENAN_INST, 30, 30, 0));
        assertThat(users.as(NATIONAL_SUP, () -> statistics.issuing(new Filter(D2, D2, null, "520100", GUIZHOU_INST))))
                .containsExactly(new IssuingRow(D2, "520102", GUIZHOU_INST, GUIZHOU_INST, 150, 98, 52));
    }
}
