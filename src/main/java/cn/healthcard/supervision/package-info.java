/**
 * Supervision and statistics (监管与统计, seeds 004 4.2.5 and 4.5; issue #16): the numbers supervisors and auditors
 * judge the programme by — production (SUP-01), issuing (SUP-02), usage (SUP-03), assessment of institutions
 * (SUP-04), the overview (STAT-01) — each scoped to the caller's region and below, as screens with charts and
 * drill-down, as tables exported to Excel, CSV and PDF, through {@code /api/v1/statistics}, and as the monthly report
 * ({@code processes/monthly-report.bpmn}).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "supervision 监管与统计",
        allowedDependencies = {"common", "security", "shell", "shell :: chart", "report", "audit", "workflow",
                "workflow :: form", "institution", "card", "issuance", "lifecycle", "production", "logistics", "ehc",
                "sam", "samsupply", "filing", "resident", "crypto"})
package cn.healthcard.supervision;
