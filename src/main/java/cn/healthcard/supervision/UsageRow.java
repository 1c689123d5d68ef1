package cn.healthcard.supervision;

/**
 * Card uses and e-card verifications per period, region, medical institution and stage (SUP-03). Above city level
 * (a national or province scope, no institution chosen) a row sums every institution of its region: institution
 * code {@code null}, name 各机构合计 (decision 040).
 */
public record UsageRow(String period, String regionCode, String institutionCode, String institutionName,
        String stage, long cardUses, long ecardVerifications) {
}
