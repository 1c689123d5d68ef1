/**
 * Residents' card data: validation, encryption at rest, keyed indexes, audited plaintext reads.
 *
 * <p>Residents' card data, validation ({@code ResidentValidator}, {@code PhotoValidator}), encryption, keyed indexes,
 * audited plaintext reads, the e-card ID of a resident's document (computed inside, {@code ehcId})
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "resident 居民",
        allowedDependencies = {"audit", "common", "crypto", "security", "workflow"})
package cn.healthcard.resident;
