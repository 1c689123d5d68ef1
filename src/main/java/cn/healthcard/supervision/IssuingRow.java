package cn.healthcard.supervision;

/** Issuing per period, region and institution (SUP-02). */
public record IssuingRow(String period, String regionCode, String regionName, String institutionCode,
        String institutionName, long applied, long made, long issued, long signed, long unsigned) {
}
