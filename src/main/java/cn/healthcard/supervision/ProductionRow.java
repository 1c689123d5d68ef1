package cn.healthcard.supervision;

/**
 * Production per period, card maker, plan and batch (SUP-01). {@code successPct} = made / (made + failed + scrapped);
 * {@code progressPct} = (made + failed + scrapped) / ordered; both 0–100 with one decimal, {@code null} when the
 * divisor is 0.
 */
public record ProductionRow(String period, String makerCode, String makerName, String planNo, String batchNo,
        long ordered, long made, long failed, long scrapped, long open, Double progressPct, Double successPct) {
}
