package cn.healthcard.floor;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Box;
import cn.healthcard.floor.FloorViews.Count;
import cn.healthcard.floor.FloorViews.Destruction;
import cn.healthcard.floor.FloorViews.Handover;
import cn.healthcard.floor.FloorViews.Scrap;
import cn.healthcard.production.BatchReleased;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The floor's batch tables (V28), read and written with plain SQL. Callers have checked who may do what. */
@Component
class FloorRecords {

    private final JdbcClient jdbc;
    private final Clock clock;

    FloorRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** Inserts the batch unless it is there: false when it was (a repeated BatchReleased). */
    boolean insertIfAbsent(BatchReleased e) {
        if (find(e.batchNo()).isPresent()) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO floor_batch (batch_no, plan_no, maker_code, centre_code, region_code, card_count,
                  data_file_name, status, released_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(e.batchNo(), e.planNo(), e.makerCode(), e.centreCode(), e.regionCode(), e.cardCount(),
                        e.dataFileName(), BatchStatus.RELEASED.name(), now(), now()).update();
        return true;
    }

    Optional<Batch> find(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_batch WHERE batch_no = ?").param(batchNo).query(Batch.class).optional();
    }

    /**
     * The batch with its row locked until the transaction ends: the start of production and the line's answer for the
     * batch take it first, so one of them always sees the other's committed work (the answer never comes between the
     * start's check and its wait).
     */
    Optional<Batch> lock(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_batch WHERE batch_no = ? FOR UPDATE").param(batchNo).query(Batch.class)
                .optional();
    }

    /** Who took the first half of a two-person step (and so may not complete it), or null. */
    String firstActor(Batch b, String step) {
        return switch (step) {
            case FloorService.START_TASK -> b.startFirstBy();
            case FloorService.CLOSE_TASK -> b.closeFirstBy();
            case FloorService.DESTRUCTION_TASK -> destruction(b.batchNo()).map(Destruction::recordedBy).orElse(null);
            case FloorService.SECOND_COUNT_TASK -> counts(b.batchNo()).stream().reduce((x, y) -> y)
                    .map(Count::countedBy).orElse(null);
            default -> null;
        };
    }

    /** Whether the person made one of the counts of the batch's last round. */
    boolean countedLastRound(String batchNo, String username) {
        List<Count> counts = counts(batchNo);
        int last = counts.isEmpty() ? 0 : counts.get(counts.size() - 1).roundNo();
        return counts.stream().anyMatch(c -> c.roundNo() == last && c.countedBy().equals(username));
    }

    /** The round of the double count now open (1 before the first count). */
    int countRound(String batchNo) {
        return counts(batchNo).stream().reduce((x, y) -> y).map(c -> c.roundNo() + (c.whichCount() == 2 ? 1 : 0))
                .orElse(1);
    }

    Batch require(String batchNo) {
        return find(batchNo).orElseThrow(() -> new NotFoundException("批次不存在: " + batchNo));
    }

    List<Batch> ofMaker(String makerCode) {
        return jdbc.sql("SELECT * FROM floor_batch WHERE maker_code = ? ORDER BY released_at DESC")
                .param(makerCode).query(Batch.class).list();
    }

    List<Batch> inRegion(String regionPrefix) {
        return jdbc.sql("SELECT * FROM floor_batch WHERE region_code LIKE ? ORDER BY released_at DESC")
                .param(regionPrefix + "%").query(Batch.class).list();
    }

    /** Sets a column of the batch (the names come from this module's code only) and its status. */
    void update(String batchNo, BatchStatus status, String column, Object value) {
        if (column == null) {
            jdbc.sql("UPDATE floor_batch SET status = ?, updated_at = ? WHERE batch_no = ?")
                    .params(status.name(), now(), batchNo).update();
        } else {
            jdbc.sql("UPDATE floor_batch SET status = ?, " + column + " = ?, updated_at = ? WHERE batch_no = ?")
                    .params(status.name(), value, now(), batchNo).update();
        }
    }

    void produced(String batchNo, int produced, int failed, int destroyed) {
        jdbc.sql("UPDATE floor_batch SET status = ?, produced = ?, failed = ?, destroyed = ?, updated_at = ? "
                        + "WHERE batch_no = ?")
                .params(BatchStatus.PRODUCED.name(), produced, failed, destroyed, now(), batchNo).update();
    }

    List<Handover> handovers(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_handover WHERE batch_no = ? ORDER BY recorded_at, step")
                .param(batchNo).query(Handover.class).list();
    }

    void confirmHandover(String id, String receivedBy) {
        jdbc.sql("UPDATE floor_handover SET confirmed_at = ? WHERE id = ? AND received_by = ? AND confirmed_at IS NULL")
                .params(now(), id, receivedBy).update();
    }

    void deleteHandover(String id) {
        jdbc.sql("DELETE FROM floor_handover WHERE id = ? AND confirmed_at IS NULL").param(id).update();
    }

    void insertHandover(String id, String batchNo, String step, String handedBy, String receivedBy, int countIn,
                        int good, int damaged, int rework) {
        jdbc.sql("""
                INSERT INTO floor_handover (id, batch_no, step, handed_by, received_by, count_in, good, damaged,
                  rework, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(id, batchNo, step, handedBy, receivedBy, countIn, good, damaged, rework, now()).update();
    }

    List<Scrap> scraps(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_scrap WHERE batch_no = ? ORDER BY recorded_at, category")
                .param(batchNo).query(Scrap.class).list();
    }

    void insertScrap(String id, String batchNo, String makerCode, String category, String cardNo, int quantity,
                     String reason, java.time.LocalDate day, String by) {
        jdbc.sql("""
                INSERT INTO floor_scrap (id, batch_no, maker_code, category, card_no, quantity, reason, scrap_day,
                  recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(id, batchNo, makerCode, category, cardNo, quantity, reason, java.sql.Date.valueOf(day), by,
                        now()).update();
    }

    Optional<Destruction> destruction(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_destruction WHERE batch_no = ?").param(batchNo)
                .query(Destruction.class).optional();
    }

    void insertDestruction(String batchNo, String method, String place, int quantity, String by) {
        jdbc.sql("""
                INSERT INTO floor_destruction (batch_no, method, place, quantity, recorded_by, recorded_at)
                VALUES (?,?,?,?,?,?)""").params(batchNo, method, place, quantity, by, now()).update();
    }

    void coSignDestruction(String batchNo, String by) {
        jdbc.sql("UPDATE floor_destruction SET cosigned_by = ?, cosigned_at = ? WHERE batch_no = ?")
                .params(by, now(), batchNo).update();
    }

    List<Count> counts(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_count WHERE batch_no = ? ORDER BY round_no, which_count")
                .param(batchNo).query(Count.class).list();
    }

    void insertCount(String id, String batchNo, int round, int which, int counted, String by) {
        jdbc.sql("""
                INSERT INTO floor_count (id, batch_no, round_no, which_count, counted, counted_by, counted_at)
                VALUES (?,?,?,?,?,?,?)""").params(id, batchNo, round, which, counted, by, now()).update();
    }

    List<Box> boxes(String batchNo) {
        return jdbc.sql("SELECT * FROM floor_box WHERE batch_no = ? ORDER BY box_no").param(batchNo)
                .query(Box.class).list();
    }

    List<String> boxCards(String boxNo) {
        return jdbc.sql("SELECT card_no FROM floor_box_card WHERE box_no = ? ORDER BY card_no").param(boxNo)
                .query(String.class).list();
    }

    void insertBox(String boxNo, String batchNo, String makerCode, String sealNo, List<String> cardNos, String by) {
        jdbc.sql("""
                INSERT INTO floor_box (box_no, batch_no, maker_code, seal_no, card_count, status, sealed_by, sealed_at)
                VALUES (?,?,?,?,?,?,?,?)""")
                .params(boxNo, batchNo, makerCode, sealNo, cardNos.size(), "IN_STORE", by, now()).update();
        useSeal(sealNo, boxNo);
        for (String cardNo : cardNos) {
            jdbc.sql("INSERT INTO floor_box_card (box_no, card_no) VALUES (?,?)").params(boxNo, cardNo).update();
        }
    }

    /** Whether the seal number was ever used, on any box, still on it or broken since (never twice). */
    boolean sealUsed(String sealNo) {
        return jdbc.sql("SELECT COUNT(*) FROM floor_seal WHERE seal_no = ?").param(sealNo).query(Long.class)
                .single() > 0;
    }

    /** Registers a seal put on a box (its primary key refuses a second use, also between two racing requests). */
    void useSeal(String sealNo, String boxNo) {
        jdbc.sql("INSERT INTO floor_seal (seal_no, box_no, state, used_at) VALUES (?,?,?,?)")
                .params(sealNo, boxNo, "USED", now()).update();
    }

    /** A box was opened: its seal is broken for ever. */
    void breakSeal(String sealNo) {
        jdbc.sql("UPDATE floor_seal SET state = 'BROKEN' WHERE seal_no = ?").param(sealNo).update();
    }

    BatchRecord record(String batchNo) {
        return new BatchRecord(require(batchNo), handovers(batchNo), scraps(batchNo),
                destruction(batchNo).orElse(null), counts(batchNo), boxes(batchNo));
    }
}
