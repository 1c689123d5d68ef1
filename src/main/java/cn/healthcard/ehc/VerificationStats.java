package cn.healthcard.ehc;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Verifications counted per institution and terminal over a period of China days (EHC-05, SUP-03).
 *
 * @param rows  one per institution and terminal, ordered by institution and terminal
 * @param total all verifications in the period
 */
public record VerificationStats(LocalDate from, LocalDate to, List<Row> rows, long total) {

    /**
     * @param byOutcome {@code VERIFIED} and each refusal reason with its count (only those that occurred)
     */
    public record Row(String institutionCode, String terminalId, long verified, long refused,
                      Map<String, Long> byOutcome) {

        public long total() {
            return verified + refused;
        }
    }
}
