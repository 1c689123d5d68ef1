package cn.healthcard.supervision;

import java.time.LocalDate;

/**
 * One case or card behind a number (drill-down, case-level export). The holder's name is masked, never clear.
 */
public record CaseRow(String caseNo, String kind, String regionCode, String institutionCode, String maskedName,
        String status, LocalDate date) {
}
