/**
 * Key management: the three-level key hierarchy, key registry, two-person key ceremonies, backup and recovery in
 * components, distribution, personal-data key updates.
 *
 * <p>Key management (decision 014): the three-level key hierarchy on the crypto device ({@code KeyHierarchy}: labels,
 * parents, the diversification rule), the key registry, key ceremonies under the two-person rule (process {@code
 * key-ceremony}: generate, update, back up, recover), backup components sealed to their custodians' secrets,
 * receivers and distribution files (HCKD1), archive; {@code KeyManagementService}, screens 「密钥管理」, {@code
 * /api/v1/keys}; the e-card keys of a region ({@code KeyHierarchy.eCardKeyLabel}, the {@code EhcIdAlgorithm} bean)
 * and the personal-data key update and re-encryption job ({@code PersonalDataKeyService}, {@code
 * /api/v1/keys/personal-data}, decision 017)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "keys 密钥",
        allowedDependencies = {"common", "crypto", "crypto :: device", "institution", "security", "shell", "workflow", "workflow :: form"})
package cn.healthcard.keys;
