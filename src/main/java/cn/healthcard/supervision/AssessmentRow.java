package cn.healthcard.supervision;

/**
 * One institution's work (SUP-04): user tasks completed, hours from task creation to completion (average and 90th
 * percentile), shares of reviews sent back and rejected (0–100), and open tasks older than the configured limit.
 */
public record AssessmentRow(String regionCode, String institutionCode, String institutionName, long handled,
        Double avgHours, Double p90Hours, Double sentBackPct, Double rejectedPct, long overdueOpen) {
}
