/**
 * Residents' card data: validation, encryption at rest, keyed indexes, audited plaintext reads, and the
 * resident-data conflict review in which a record's own region decides on another region's differing data.
 *
 * <p>Residents' card data, validation ({@code ResidentValidator}, {@code PhotoValidator}), encryption, keyed indexes,
 * audited plaintext reads, the e-card ID of a resident's document (computed inside, {@code ehcId}); the conflict
 * case ({@code ResidentConflictService}, {@code processes/resident-data-conflict.bpmn}, delegates in
 * {@code resident.process}, its task form in {@code resident.ui}, REST in {@code resident.web})
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "resident 居民",
        allowedDependencies = {"audit", "common", "crypto", "security", "workflow"})
package cn.healthcard.resident;
