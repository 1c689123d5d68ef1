/**
 * Manufacturer and product filing (生产单位及产品备案): manufacturers, product filings reviewed by the national centre,
 * the filed-products catalogue other modules check, products in use by region, filing counts.
 *
 * <p>Applicants (chip, COS, card, key-system and terminal providers) file products through their machine client
 * (scope {@code filing}, bound to one manufacturer) or at the national centre's desk; {@code FilingService} runs the case
 * of {@code processes/manufacturer-filing.bpmn} (delegates in {@code filing.process}, the task forms in
 * {@code filing.ui}, REST in {@code filing.web}); {@code FiledProducts} answers whether a product is filed and valid
 * (terminal registration, card production, SAM cards); {@code FilingCatalogue} queries and exports; {@code ProductsInUse}
 * records which filed products a centre uses (FIL-03). See docs/decisions/025-manufacturer-and-product-filing.md.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "filing 备案",
        allowedDependencies = {"common", "crypto", "report", "security", "shell", "workflow", "workflow :: form"})
package cn.healthcard.filing;
