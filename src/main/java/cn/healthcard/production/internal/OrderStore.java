package cn.healthcard.production.internal;

import cn.healthcard.production.ProductionOrders.OrderView;
import cn.healthcard.production.ProductionRequest;
import cn.healthcard.production.ProductionRoute;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The production orders (table {@code production_order}), one per case. */
@Repository
public class OrderStore {

    /** An order's states. */
    public enum Status { QUEUED, PLANNED, RELEASED, REQUESTED, COMPLETED, ERROR }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    OrderStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One order row. */
    public record Order(String id, String caseId, String residentId, String regionCode, String deskCode,
                        ProductionRoute route, Status status, String makerRef, String planId, String batchNo,
                        String cardNo, int sends) {

        /** The reference the case records: the maker's (instant) or the order's id (batch). */
        public String reference() {
            return makerRef != null ? makerRef : id;
        }

        public OrderView view() {
            return new OrderView(caseId, regionCode, deskCode, route, status.name(), reference(), batchNo, cardNo,
                    sends);
        }
    }

    private static final RowMapper<Order> ROW = (rs, i) -> new Order(rs.getString("id"), rs.getString("case_id"),
            rs.getString("resident_id"), rs.getString("region_code"), rs.getString("desk_code"),
            ProductionRoute.valueOf(rs.getString("route")), Status.valueOf(rs.getString("status")),
            rs.getString("maker_ref"), rs.getString("plan_id"), rs.getString("batch_no"), rs.getString("card_no"),
            rs.getInt("sends"));

    public Optional<Order> byCase(String caseId) {
        return jdbc.query("SELECT * FROM production_order WHERE case_id = :c", new MapSqlParameterSource("c", caseId),
                ROW).stream().findFirst();
    }

    /** Inserts a new order; a second one for the case fails on the unique constraint (DuplicateKeyException). */
    public Order create(ProductionRequest request, ProductionRoute route) {
        String id = UUID.randomUUID().toString();
        Status status = route == ProductionRoute.INSTANT ? Status.REQUESTED : Status.QUEUED;
        Timestamp now = now();
        jdbc.update("INSERT INTO production_order (id, case_id, resident_id, region_code, desk_code, route, status,"
                + " sends, created_at, updated_at, version) VALUES (:id, :c, :r, :reg, :desk, :route, :s, 0, :now, :now,"
                + " 0)", new MapSqlParameterSource("id", id).addValue("c", request.caseId())
                .addValue("r", request.residentId()).addValue("reg", request.regionCode())
                .addValue("desk", request.institutionCode()).addValue("route", route.name())
                .addValue("s", status.name()).addValue("now", now));
        return new Order(id, request.caseId(), request.residentId(), request.regionCode(), request.institutionCode(),
                route, status, null, null, null, null, 0);
    }

    public void instantRequested(String id, String makerRef) {
        jdbc.update("UPDATE production_order SET maker_ref = :ref, updated_at = :now, version = version + 1"
                + " WHERE id = :id", new MapSqlParameterSource("id", id).addValue("ref", makerRef)
                .addValue("now", now()));
    }

    /** Queued batch orders of regions starting with {@code regionPrefix} (the plan's scope), oldest first. */
    public List<Order> queued(String regionPrefix) {
        return jdbc.query("SELECT * FROM production_order WHERE status = 'QUEUED' AND route = 'BATCH'"
                        + " AND region_code LIKE :p ORDER BY created_at, case_id",
                new MapSqlParameterSource("p", regionPrefix + "%"), ROW);
    }

    public List<Order> ofPlan(String planId) {
        return jdbc.query("SELECT * FROM production_order WHERE plan_id = :p ORDER BY region_code, created_at, case_id",
                new MapSqlParameterSource("p", planId), ROW);
    }

    public List<Order> ofBatch(String batchNo) {
        return jdbc.query("SELECT * FROM production_order WHERE batch_no = :b ORDER BY case_id",
                new MapSqlParameterSource("b", batchNo), ROW);
    }

    /** Takes queued orders into a draft plan; answers how many were still QUEUED (others were taken meanwhile). */
    public int plan(Collection<String> ids, String planId) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("UPDATE production_order SET status = 'PLANNED', plan_id = :p, updated_at = :now,"
                + " version = version + 1 WHERE id IN (:ids) AND status = 'QUEUED'", new MapSqlParameterSource("p", planId)
                .addValue("ids", ids).addValue("now", now()));
    }

    /** The orders of a submitted plan go into their batch, each with the card number it is made with. */
    public void release(List<Order> batchOrders, List<String> cardNos, String batchNo) {
        Timestamp now = now();
        MapSqlParameterSource[] rows = new MapSqlParameterSource[batchOrders.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new MapSqlParameterSource("id", batchOrders.get(i).id()).addValue("b", batchNo)
                    .addValue("card", cardNos.get(i)).addValue("now", now);
        }
        jdbc.batchUpdate("UPDATE production_order SET status = 'RELEASED', batch_no = :b, card_no = :card,"
                + " sends = sends + 1, updated_at = :now, version = version + 1 WHERE id = :id AND status = 'PLANNED'",
                rows);
    }

    /** The card of a released batch order is made and sealed. Answers false unless the order was RELEASED. */
    public boolean completeBatch(String caseId, String cardNo, String chipSerial) {
        return jdbc.update("UPDATE production_order SET status = 'COMPLETED', card_no = :card, chip_serial = :chip,"
                + " updated_at = :now, version = version + 1 WHERE case_id = :c AND route = 'BATCH'"
                + " AND status = 'RELEASED'", new MapSqlParameterSource("c", caseId).addValue("card", cardNo)
                .addValue("chip", chipSerial).addValue("now", now())) == 1;
    }

    /** The desk printer made the card of an instant order. Answers false unless the order was REQUESTED. */
    public boolean completeInstant(String caseId, String cardNo, String chipSerial) {
        return jdbc.update("UPDATE production_order SET status = 'COMPLETED', card_no = :card, chip_serial = :chip,"
                + " updated_at = :now, version = version + 1 WHERE case_id = :c AND route = 'INSTANT'"
                + " AND status = 'REQUESTED'", new MapSqlParameterSource("c", caseId).addValue("card", cardNo)
                .addValue("chip", chipSerial).addValue("now", now())) == 1;
    }

    /** The maker made the card of a batch order: its chip serial (the order stays RELEASED until sealed). */
    public void produced(String caseId, String chipSerial) {
        jdbc.update("UPDATE production_order SET chip_serial = :chip, updated_at = :now, version = version + 1"
                + " WHERE case_id = :c", new MapSqlParameterSource("c", caseId).addValue("chip", chipSerial)
                .addValue("now", now()));
    }

    /** A scrapped card's order goes straight back to the queue: its data was right, the card is made again. */
    public boolean requeueScrapped(String caseId) {
        return jdbc.update("UPDATE production_order SET status = 'QUEUED', plan_id = NULL, batch_no = NULL,"
                + " card_no = NULL, chip_serial = NULL, updated_at = :now, version = version + 1"
                + " WHERE case_id = :c AND status IN ('RELEASED', 'ERROR')", new MapSqlParameterSource("c", caseId)
                .addValue("now", now())) == 1;
    }

    /** An order of a batch whose card could not be made: waits for the issuer's correction and resend. */
    public void error(String caseId) {
        jdbc.update("UPDATE production_order SET status = 'ERROR', updated_at = :now, version = version + 1"
                + " WHERE case_id = :c AND status <> 'COMPLETED'", new MapSqlParameterSource("c", caseId)
                .addValue("now", now()));
    }

    /** The issuer resends a corrected case: back to the queue for a later plan. Answers false unless it was ERROR. */
    public boolean requeue(String caseId) {
        return jdbc.update("UPDATE production_order SET status = 'QUEUED', plan_id = NULL, batch_no = NULL,"
                + " card_no = NULL, chip_serial = NULL, updated_at = :now, version = version + 1"
                + " WHERE case_id = :c AND status = 'ERROR'", new MapSqlParameterSource("c", caseId)
                .addValue("now", now())) == 1;
    }

    /** The order of a case, locked for the rest of the transaction (a replayed request waits, then sees it moved). */
    public Optional<Order> byCaseForUpdate(String caseId) {
        return jdbc.query("SELECT * FROM production_order WHERE case_id = :c FOR UPDATE",
                new MapSqlParameterSource("c", caseId), ROW).stream().findFirst();
    }

    /**
     * A batch card lost in transit: its order goes back to the queue for a new production round. Answers false unless
     * the order still holds that card and was completed (a card is lost in transit only after it was sealed).
     */
    public boolean requeueReplaced(String caseId, String cardNo) {
        return jdbc.update("UPDATE production_order SET status = 'QUEUED', plan_id = NULL, batch_no = NULL,"
                + " card_no = NULL, chip_serial = NULL, updated_at = :now, version = version + 1"
                + " WHERE case_id = :c AND card_no = :card AND route = 'BATCH' AND status = 'COMPLETED'",
                new MapSqlParameterSource("c", caseId).addValue("card", cardNo).addValue("now", now())) == 1;
    }

    /** Orders of a draft plan that is dropped go back to the queue. */
    public void unplan(String planId) {
        jdbc.update("UPDATE production_order SET status = 'QUEUED', plan_id = NULL, updated_at = :now,"
                + " version = version + 1 WHERE plan_id = :p AND status = 'PLANNED'",
                new MapSqlParameterSource("p", planId).addValue("now", now()));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
