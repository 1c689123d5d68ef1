package cn.healthcard.gateway.internal;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Single use of a request's nonce (EHC-06): the primary key {@code (app_id, nonce)} of {@code ehc_gateway_nonce}
 * decides across nodes. A nonce is recorded in the transaction of the request's work, so a refused request records
 * nothing; rows past their expiry (the end of the timestamp window) are deleted every few minutes.
 */
@Component
public class GatewayNonces {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    GatewayNonces(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the nonce; false when the app has used it before (within the window). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean use(String appId, String nonce, Instant expiresAt) {
        try {
            jdbc.update("INSERT INTO ehc_gateway_nonce (app_id, nonce, expires_at) VALUES (?, ?, ?)", appId, nonce,
                    Timestamp.from(expiresAt));
            return true;
        } catch (DataIntegrityViolationException e) {
            return false;
        }
    }

    /** Deletes expired nonces; a request that old is refused by its timestamp anyway. */
    @Scheduled(fixedDelayString = "${healthcard.ehc.gateway.nonce-cleanup-interval:PT5M}")
    @Transactional
    public int cleanUp() {
        return jdbc.update("DELETE FROM ehc_gateway_nonce WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }
}
