package cn.healthcard.resident;

import java.time.LocalDate;

/** What may be shown to anyone who handles the case: masked identity (SEC-02). */
public record ResidentSummary(String id, String documentType, String documentNumberMasked, String nameMasked,
                              String sex, LocalDate birthDate, String regionCode) {
}
