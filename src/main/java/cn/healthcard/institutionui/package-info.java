/**
 * The screens of the institution register (ORG-01…05, INT-01): 「机构管理」 query with print and export, the details
 * page, register, modify and cancel, and the import upload with its per-row report.
 *
 * <p>A module of its own because the screens need what the {@code institution} module may not use: the shell's
 * layout (the shell depends on security, which depends on institution — a cycle), the terminals of {@code ehc} (ehc
 * depends on institution) and the PDF and spreadsheet exports of {@code report}. Every rule and scope check stays in
 * {@code InstitutionService} and {@code InstitutionImport}; the screens only show their answers.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "institutionui 机构管理界面",
        allowedDependencies = {"audit", "common", "ehc", "institution", "report", "sam", "security", "shell",
                "workflow :: form"})
package cn.healthcard.institutionui;
