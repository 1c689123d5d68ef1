package cn.healthcard.production.internal;

import cn.healthcard.production.CardProductionCompleted;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The finished cards of cases (table {@code production_completion}, unique per case), persisted in the transaction that
 * finished them (a sealed batch, or an instant order) and announced by {@link CompletionPublisher}: PENDING →
 * PUBLISHED, or PARKED after too many failed attempts.
 */
@Repository
public class CompletionStore {

    /** A stored completion. */
    public record Completion(String id, String caseId, String productionRef, String regionCode, String deskCode,
                             String cardNo, String chipSerial, String batchNo, String status, int attempts,
                             String lastError, Instant dueAt) {

        public CardProductionCompleted event() {
            return new CardProductionCompleted(caseId, productionRef, cardNo, chipSerial, batchNo, deskCode);
        }
    }

    private static final RowMapper<Completion> ROW = (rs, i) -> new Completion(rs.getString("id"),
            rs.getString("case_id"), rs.getString("production_ref"), rs.getString("region_code"),
            rs.getString("desk_code"), rs.getString("card_no"), rs.getString("chip_serial"), rs.getString("batch_no"),
            rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
            rs.getTimestamp("due_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    CompletionStore(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Records the finished card of a case in the caller's transaction, to be announced after {@code delay}. */
    public void add(CardProductionCompleted card, String regionCode, Duration delay) {
        Instant dueAt = clock.instant().plus(delay);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO production_completion (id, case_id, production_ref, region_code, desk_code, card_no,"
                + " chip_serial, batch_no, status, attempts, due_at, created_at) VALUES (:id, :c, :ref, :reg, :desk,"
                + " :card, :chip, :b, 'PENDING', 0, :due, :now)", new MapSqlParameterSource("id",
                UUID.randomUUID().toString()).addValue("c", card.caseId()).addValue("ref", card.productionRef())
                .addValue("reg", regionCode).addValue("desk", card.deskCode()).addValue("card", card.cardNo())
                .addValue("chip", card.chipSerial()).addValue("b", card.batchNo())
                .addValue("due", Timestamp.from(dueAt)).addValue("now", now));
    }

    /** Pending completions whose time has come, oldest first, at most {@code limit}. */
    public List<Completion> due(int limit) {
        return jdbc.query("SELECT * FROM production_completion WHERE status = 'PENDING' AND due_at <= :now"
                        + " ORDER BY due_at, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                new MapSqlParameterSource("now", Timestamp.from(clock.instant())), ROW);
    }

    public List<Completion> parked() {
        return jdbc.query("SELECT * FROM production_completion WHERE status = 'PARKED' ORDER BY due_at, id",
                new MapSqlParameterSource(), ROW);
    }

    /** Marks a pending completion announced, in the caller's transaction; false if another pass took it. */
    public boolean published(String id) {
        return jdbc.update("UPDATE production_completion SET status = 'PUBLISHED', published_at = :now,"
                + " attempts = attempts + 1 WHERE id = :id AND status = 'PENDING'", new MapSqlParameterSource("id", id)
                .addValue("now", Timestamp.from(clock.instant()))) == 1;
    }

    /** A failed attempt, in a transaction of its own; the row is PARKED once it reached {@code maxAttempts}. */
    public void failed(String id, String error, int maxAttempts) {
        newTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE production_completion SET attempts = attempts"
                + " + 1, last_error = :e, status = CASE WHEN attempts + 1 >= :max THEN 'PARKED' ELSE status END"
                + " WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("e", error == null || error.length() <= 500 ? error : error.substring(0, 500))
                .addValue("max", maxAttempts)));
    }

    /** A void card is never announced: its completion not yet published is dropped (status VOID). */
    public int voidCard(String caseId, String cardNo) {
        return jdbc.update("UPDATE production_completion SET status = 'VOID' WHERE case_id = :c AND card_no = :card"
                + " AND status IN ('PENDING', 'PARKED')", new MapSqlParameterSource("c", caseId)
                .addValue("card", cardNo));
    }
}
