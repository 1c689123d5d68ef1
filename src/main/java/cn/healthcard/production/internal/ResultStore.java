package cn.healthcard.production.internal;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The maker's answers per card, persisted on arrival (table {@code production_result}, unique per batch and case: a
 * duplicate answer is harmless) and applied later by {@link ResultCorrelator}: PENDING → APPLIED, or PARKED after
 * too many failed attempts.
 */
@Repository
public class ResultStore {

    /** An answer as it arrives: outcome PRODUCED, FAILED or DESTROYED. */
    public record Arrived(String batchNo, String caseId, String outcome, String cardNo, String chipSerial,
                          String reason) {
    }

    /** A stored answer. */
    public record Result(String id, String batchNo, String caseId, String outcome, String cardNo, String chipSerial,
                         String reason, String source, String status, int attempts, String lastError,
                         Instant receivedAt) {
    }

    private static final RowMapper<Result> ROW = (rs, i) -> new Result(rs.getString("id"), rs.getString("batch_no"),
            rs.getString("case_id"), rs.getString("outcome"), rs.getString("card_no"), rs.getString("chip_serial"),
            rs.getString("reason"), rs.getString("source"), rs.getString("status"), rs.getInt("attempts"),
            rs.getString("last_error"), rs.getTimestamp("received_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    ResultStore(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Persists the answers in a transaction of their own; answers already stored are skipped. Returns how many were new. */
    public int persist(List<Arrived> answers, String source) {
        Integer stored = newTransaction.execute(tx -> insertNew(answers, source));
        return stored == null ? 0 : stored;
    }

    /** Persists the answers in the caller's transaction; answers already stored are skipped. */
    public int insertNew(List<Arrived> answers, String source) {
        Set<String> known = new HashSet<>();
        answers.stream().map(Arrived::batchNo).distinct().forEach(b -> known.addAll(jdbc.queryForList(
                "SELECT case_id FROM production_result WHERE batch_no = :b", new MapSqlParameterSource("b", b),
                String.class).stream().map(c -> b + "|" + c).toList()));
        Timestamp now = Timestamp.from(clock.instant());
        int stored = 0;
        for (Arrived a : answers) {
            if (!known.add(a.batchNo() + "|" + a.caseId())) {
                continue;
            }
            jdbc.update("INSERT INTO production_result (id, batch_no, case_id, outcome, card_no, chip_serial, reason,"
                    + " source, status, attempts, received_at) VALUES (:id, :b, :c, :o, :card, :chip, :reason, :src,"
                    + " 'PENDING', 0, :now)", new MapSqlParameterSource("id", UUID.randomUUID().toString())
                    .addValue("b", a.batchNo()).addValue("c", a.caseId()).addValue("o", a.outcome())
                    .addValue("card", a.cardNo()).addValue("chip", a.chipSerial())
                    .addValue("reason", cut(a.reason(), 500)).addValue("src", cut(source, 100)).addValue("now", now));
            stored++;
        }
        return stored;
    }

    public List<Result> pending(int limit) {
        return jdbc.query("SELECT * FROM production_result WHERE status = 'PENDING' ORDER BY received_at, id"
                + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", new MapSqlParameterSource(), ROW);
    }

    public List<Result> parked() {
        return jdbc.query("SELECT * FROM production_result WHERE status = 'PARKED' ORDER BY received_at, id",
                new MapSqlParameterSource(), ROW);
    }

    public List<Result> ofBatch(String batchNo) {
        return jdbc.query("SELECT * FROM production_result WHERE batch_no = :b ORDER BY card_no, case_id",
                new MapSqlParameterSource("b", batchNo), ROW);
    }

    public void applied(String id) {
        jdbc.update("UPDATE production_result SET status = 'APPLIED', applied_at = :now, attempts = attempts + 1"
                + " WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("now", Timestamp.from(clock.instant())));
    }

    /** A failed attempt; the row is PARKED once it reached {@code maxAttempts}. */
    public void failed(String id, String error, int maxAttempts) {
        newTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE production_result SET attempts = attempts + 1,"
                + " last_error = :e, status = CASE WHEN attempts + 1 >= :max THEN 'PARKED' ELSE status END"
                + " WHERE id = :id", new MapSqlParameterSource("id", id).addValue("e", cut(error, 500))
                .addValue("max", maxAttempts)));
    }

    /** A produced card scrapped on the floor: its answer becomes DESTROYED. */
    public boolean scrapped(String batchNo, String cardNo, String reason) {
        return jdbc.update("UPDATE production_result SET outcome = 'DESTROYED', reason = :r WHERE batch_no = :b"
                + " AND card_no = :card AND outcome = 'PRODUCED' AND status = 'APPLIED'", new MapSqlParameterSource("b", batchNo)
                .addValue("card", cardNo).addValue("r", cut(reason, 500))) == 1;
    }

    /** Counts of applied answers by outcome for a batch: produced, failed, destroyed, and all answers. */
    public int[] counts(String batchNo) {
        int[] c = new int[4];
        jdbc.query("SELECT outcome, status, COUNT(*) n FROM production_result WHERE batch_no = :b GROUP BY outcome,"
                + " status", new MapSqlParameterSource("b", batchNo), rs -> {
            int n = rs.getInt("n");
            c[3] += "APPLIED".equals(rs.getString("status")) ? n : 0;
            if (!"APPLIED".equals(rs.getString("status"))) {
                return;
            }
            switch (rs.getString("outcome")) {
                case "PRODUCED" -> c[0] += n;
                case "FAILED" -> c[1] += n;
                default -> c[2] += n;
            }
        });
        return c;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
