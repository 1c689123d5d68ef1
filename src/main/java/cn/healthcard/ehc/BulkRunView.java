package cn.healthcard.ehc;

import java.time.Instant;

/**
 * A run of the bulk job that opens e-cards for existing physical-card holders (EHC-03).
 *
 * @param cursorCardNo the last card handled; a restarted run continues after it
 * @param created      e-cards opened by this run
 * @param skipped      holders that already had an e-card, or are blacklisted
 */
public record BulkRunView(long id, State state, String cursorCardNo, long cardsSeen, long created, long skipped,
                          Instant startedAt, String startedBy, Instant finishedAt, String lastError) {

    public enum State {
        RUNNING, COMPLETED, FAILED
    }
}
