package cn.healthcard.supervision;

/** Card uses and e-card verifications per period, region, medical institution and stage (SUP-03). */
public record UsageRow(String period, String regionCode, String institutionCode, String institutionName,
        String stage, long cardUses, long ecardVerifications) {
}
