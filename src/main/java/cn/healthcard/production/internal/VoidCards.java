package cn.healthcard.production.internal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;

/** Card numbers that must never be issued (table {@code production_void_card}): lost or damaged in transit. */
@Repository
public class VoidCards {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    VoidCards(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isVoid(String cardNo) {
        return cardNo != null && jdbc.queryForObject("SELECT COUNT(*) FROM production_void_card WHERE card_no = :c",
                new MapSqlParameterSource("c", cardNo), Integer.class) > 0;
    }

    /** Whether any card of {@code caseId} was voided (the case is in a replacement round). */
    public boolean anyOfCase(String caseId) {
        return caseId != null && jdbc.queryForObject("SELECT COUNT(*) FROM production_void_card WHERE case_id = :c",
                new MapSqlParameterSource("c", caseId), Integer.class) > 0;
    }

    /** Records the card as void; the caller checked {@link #isVoid} under the order's row lock. */
    public void add(String cardNo, String caseId, String batchNo, String regionCode, int round, String reason,
                    String reference) {
        jdbc.update("INSERT INTO production_void_card (card_no, case_id, batch_no, region_code, round_no, reason,"
                + " reference, voided_at) VALUES (:card, :c, :b, :r, :round, :reason, :ref, :now)",
                new MapSqlParameterSource("card", cardNo).addValue("c", caseId).addValue("b", batchNo)
                        .addValue("r", regionCode).addValue("round", round)
                        .addValue("reason", reason.length() > 32 ? reason.substring(0, 32) : reason)
                        .addValue("ref", reference.length() > 64 ? reference.substring(0, 64) : reference)
                        .addValue("now", Timestamp.from(clock.instant())));
    }
}
