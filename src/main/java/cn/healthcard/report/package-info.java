/**
 * PDFs from templates in {@code reports/} (OpenPDF, embedded CJK font; images such as QR codes)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "report 报表",
        allowedDependencies = {"common"})
package cn.healthcard.report;
