package cn.healthcard.production.internal;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Production plans, their groups and batches (tables {@code production_plan}, {@code _group}, {@code _batch}). */
@Repository
public class PlanStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    PlanStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A plan row. */
    public record Plan(String id, String planNo, String centreCode, String regionCode, String status, int cardCount,
                       String createdBy, Instant createdAt, String submittedBy, Instant submittedAt, long version) {
    }

    /** A group row: the cards of one region for one maker. */
    public record Group(String id, String planId, String regionCode, String makerCode, int cardCount) {
    }

    /** A batch row. */
    public record Batch(String id, String batchNo, String planId, String makerCode, String centreCode,
                        String regionCode, String status, int cardCount, int fileSeq, String dataFileName,
                        String dataFileSm3, int produced, int failed, int destroyed, Instant releasedAt,
                        Instant receivedAt, String receivedBy, Instant startedAt, long version) {
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Plan> PLAN = (rs, i) -> new Plan(rs.getString("id"), rs.getString("plan_no"),
            rs.getString("centre_code"), rs.getString("region_code"), rs.getString("status"), rs.getInt("card_count"),
            rs.getString("created_by"), instant(rs.getTimestamp("created_at")), rs.getString("submitted_by"),
            instant(rs.getTimestamp("submitted_at")), rs.getLong("version"));
    private static final RowMapper<Group> GROUP = (rs, i) -> new Group(rs.getString("id"), rs.getString("plan_id"),
            rs.getString("region_code"), rs.getString("maker_code"), rs.getInt("card_count"));
    private static final RowMapper<Batch> BATCH = (rs, i) -> new Batch(rs.getString("id"), rs.getString("batch_no"),
            rs.getString("plan_id"), rs.getString("maker_code"), rs.getString("centre_code"),
            rs.getString("region_code"), rs.getString("status"), rs.getInt("card_count"), rs.getInt("file_seq"),
            rs.getString("data_file_name"), rs.getString("data_file_sm3"), rs.getInt("produced"),
            rs.getInt("failed"), rs.getInt("destroyed"), instant(rs.getTimestamp("released_at")),
            instant(rs.getTimestamp("received_at")), rs.getString("received_by"), instant(rs.getTimestamp("started_at")),
            rs.getLong("version"));

    public Plan createPlan(String planNo, String centreCode, String regionCode, int cardCount, String createdBy) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO production_plan (id, plan_no, centre_code, region_code, status, card_count,"
                + " created_by, created_at, version) VALUES (:id, :no, :c, :r, 'DRAFT', :n, :by, :now, 0)",
                new MapSqlParameterSource("id", id).addValue("no", planNo).addValue("c", centreCode)
                        .addValue("r", regionCode).addValue("n", cardCount).addValue("by", createdBy)
                        .addValue("now", now));
        return new Plan(id, planNo, centreCode, regionCode, "DRAFT", cardCount, createdBy, now.toInstant(), null,
                null, 0);
    }

    public void addGroup(String planId, String regionCode, String makerCode, int cardCount) {
        jdbc.update("INSERT INTO production_plan_group (id, plan_id, region_code, maker_code, card_count)"
                + " VALUES (:id, :p, :r, :m, :n)", new MapSqlParameterSource("id", UUID.randomUUID().toString())
                .addValue("p", planId).addValue("r", regionCode).addValue("m", makerCode).addValue("n", cardCount));
    }

    public void setCount(String planId, int cardCount) {
        jdbc.update("UPDATE production_plan SET card_count = :n WHERE id = :p",
                new MapSqlParameterSource("p", planId).addValue("n", cardCount));
    }

    public Optional<Plan> plan(String planIdOrNo) {
        return jdbc.query("SELECT * FROM production_plan WHERE id = :p OR plan_no = :p",
                new MapSqlParameterSource("p", planIdOrNo), PLAN).stream().findFirst();
    }

    /** Plans of regions under {@code regionPrefix}, newest first, filtered by status and creation day range. */
    public List<Plan> plans(String regionPrefix, String status, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM production_plan WHERE region_code LIKE :r");
        MapSqlParameterSource p = new MapSqlParameterSource("r", regionPrefix + "%");
        if (status != null) {
            sql.append(" AND status = :s");
            p.addValue("s", status);
        }
        if (from != null) {
            sql.append(" AND created_at >= :from");
            p.addValue("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND created_at < :to");
            p.addValue("to", Timestamp.from(to));
        }
        sql.append(" ORDER BY created_at DESC, plan_no DESC");
        return jdbc.query(sql.toString(), p, PLAN).stream().limit(limit).toList();
    }

    public List<Group> groups(String planId) {
        return jdbc.query("SELECT * FROM production_plan_group WHERE plan_id = :p ORDER BY region_code",
                new MapSqlParameterSource("p", planId), GROUP);
    }

    /** Changes a draft plan's group maker; bumps the plan's version (optimistic: 0 rows when it changed). */
    public int changeMaker(String planId, long version, String regionCode, String makerCode) {
        int plans = jdbc.update("UPDATE production_plan SET version = version + 1 WHERE id = :p AND version = :v"
                + " AND status = 'DRAFT'", new MapSqlParameterSource("p", planId).addValue("v", version));
        if (plans == 0) {
            return 0;
        }
        return jdbc.update("UPDATE production_plan_group SET maker_code = :m WHERE plan_id = :p AND region_code = :r",
                new MapSqlParameterSource("p", planId).addValue("r", regionCode).addValue("m", makerCode));
    }

    /** DRAFT → SUBMITTED at {@code version}; 0 rows when another submission or change won. */
    public int submit(String planId, long version, String by) {
        return jdbc.update("UPDATE production_plan SET status = 'SUBMITTED', submitted_by = :by, submitted_at = :now,"
                + " version = version + 1 WHERE id = :p AND version = :v AND status = 'DRAFT'",
                new MapSqlParameterSource("p", planId).addValue("v", version).addValue("by", by)
                        .addValue("now", Timestamp.from(clock.instant())));
    }

    /** DRAFT → DISCARDED at {@code version}. */
    public int discard(String planId, long version) {
        return jdbc.update("UPDATE production_plan SET status = 'DISCARDED', version = version + 1 WHERE id = :p"
                + " AND version = :v AND status = 'DRAFT'", new MapSqlParameterSource("p", planId).addValue("v", version));
    }

    public Batch addBatch(String batchNo, String planId, String makerCode, String centreCode, String regionCode,
                          int cardCount, int fileSeq, String fileName, String sm3) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO production_batch (id, batch_no, plan_id, maker_code, centre_code, region_code, status,"
                + " card_count, file_seq, data_file_name, data_file_sm3, produced, failed, destroyed, released_at,"
                + " version) VALUES (:id, :no, :p, :m, :c, :r, 'RELEASED', :n, :seq, :f, :sm3, 0, 0, 0, :now, 0)",
                new MapSqlParameterSource("id", id).addValue("no", batchNo).addValue("p", planId)
                        .addValue("m", makerCode).addValue("c", centreCode).addValue("r", regionCode)
                        .addValue("n", cardCount).addValue("seq", fileSeq).addValue("f", fileName)
                        .addValue("sm3", sm3).addValue("now", now));
        return batch(batchNo).orElseThrow();
    }

    public Optional<Batch> batch(String batchNo) {
        return jdbc.query("SELECT * FROM production_batch WHERE batch_no = :b", new MapSqlParameterSource("b", batchNo),
                BATCH).stream().findFirst();
    }

    /** A RELEASED batch gets a new data file (the next sequence); false if it moved on or was reissued meanwhile. */
    public boolean reissue(String batchNo, int oldSeq, int newSeq, String fileName, String sm3, int cardCount) {
        return jdbc.update("UPDATE production_batch SET file_seq = :seq, data_file_name = :f, data_file_sm3 = :sm3,"
                + " card_count = :n, released_at = :now, version = version + 1 WHERE batch_no = :b"
                + " AND status = 'RELEASED' AND file_seq = :old", new MapSqlParameterSource("b", batchNo)
                .addValue("seq", newSeq).addValue("n", cardCount)
                .addValue("old", oldSeq).addValue("f", fileName).addValue("sm3", sm3)
                .addValue("now", Timestamp.from(clock.instant()))) == 1;
    }

    /** Batches filtered by plan, maker, status, region prefix and release time; newest first. */
    public List<Batch> batches(String planId, String batchNo, String makerCode, String status, String regionPrefix,
                               Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM production_batch WHERE 1 = 1");
        MapSqlParameterSource p = new MapSqlParameterSource();
        List<String[]> filters = new ArrayList<>();
        filters.add(new String[]{"plan_id = :plan", "plan", planId});
        filters.add(new String[]{"batch_no = :batch", "batch", batchNo});
        filters.add(new String[]{"maker_code = :maker", "maker", makerCode});
        filters.add(new String[]{"status = :status", "status", status});
        filters.add(new String[]{"region_code LIKE :region", "region", regionPrefix == null ? null : regionPrefix + "%"});
        for (String[] f : filters) {
            if (f[2] != null) {
                sql.append(" AND ").append(f[0]);
                p.addValue(f[1], f[2]);
            }
        }
        if (from != null) {
            sql.append(" AND released_at >= :from");
            p.addValue("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND released_at < :to");
            p.addValue("to", Timestamp.from(to));
        }
        sql.append(" ORDER BY released_at DESC, batch_no DESC FETCH FIRST ").append(Math.max(1, limit))
                .append(" ROWS ONLY");
        return jdbc.query(sql.toString(), p, BATCH);
    }

    /** Moves a batch on: {@code from} → {@code to}; answers whether it moved. */
    public boolean moveBatch(String batchNo, String from, String to, String column, String by) {
        String extra = column == null ? "" : ", " + column + " = :now" + ("received_at".equals(column)
                ? ", received_by = :by" : "");
        return jdbc.update("UPDATE production_batch SET status = :to" + extra + ", version = version + 1"
                + " WHERE batch_no = :b AND status = :from", new MapSqlParameterSource("b", batchNo)
                .addValue("from", from).addValue("to", to).addValue("by", by)
                .addValue("now", Timestamp.from(clock.instant()))) == 1;
    }

    /** Sets a batch's result counts. */
    public void counts(String batchNo, int produced, int failed, int destroyed) {
        jdbc.update("UPDATE production_batch SET produced = :p, failed = :f, destroyed = :d, version = version + 1"
                + " WHERE batch_no = :b", new MapSqlParameterSource("b", batchNo).addValue("p", produced)
                .addValue("f", failed).addValue("d", destroyed));
    }
}
