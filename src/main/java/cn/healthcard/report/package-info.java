/**
 * PDFs from XHTML + Thymeleaf templates in {@code reports/}, printed by Flying Saucer on OpenPDF with the embedded CJK
 * font.
 *
 * <p>Values go in through {@code th:text} only (escaped); images as {@code data:} URIs; page size, orientation and
 * running footers from CSS paged media. The audit export (up to 10,000 rows) still comes from the XML table template,
 * which is several times faster at that size (decision 021).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "report 报表",
        allowedDependencies = {"common"})
package cn.healthcard.report;
