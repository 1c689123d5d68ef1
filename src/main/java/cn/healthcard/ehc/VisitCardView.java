package cn.healthcard.ehc;

import java.time.Instant;

/** A hospital visit card (就诊卡) bound to a master index (EHC-07). */
public record VisitCardView(String institutionCode, String institutionName, String visitCardNo, Instant registeredAt,
                            String registeredBy) {
}
