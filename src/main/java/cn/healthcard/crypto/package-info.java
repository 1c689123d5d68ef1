/**
 * Cryptography: CryptoPort (SM3, HMAC-SM3, SM4-GCM), personal data encrypted at rest, the GM/T 0018-shaped crypto
 * device with keys shared by every node, the e-card ID algorithm.
 *
 * <p>{@code CryptoPort} (SM3, HMAC-SM3, SM4-GCM by key reference, on the device's versioned {@code pd.*} keys, decision
 * 017), {@code PersonalDataProtector} and the {@code @Encrypted} Hibernate listener for encryption at rest, each
 * ciphertext bound to its table, column and row (decision 022); {@code crypto.device.CryptoDevice},
 * the GM/T 0018-shaped device port (keys by label and version, SM2/SM3/SM4, derivation, wrapped export/import, backup
 * in components; software device whose sealed keys live in the database, shared by every node, decision 011) and
 * {@code EhcIdAlgorithm} (e-card ID; dynamic-QR validity under a key of each e-card, decision 013)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "crypto 密码",
        allowedDependencies = {})
package cn.healthcard.crypto;
