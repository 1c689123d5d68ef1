/**
 * The cryptographic device port (KEY-03, PER-05), shaped after the SDF functions of GM/T 0018: keys live inside the
 * device and are addressed by {@link cn.healthcard.crypto.device.KeyId} (label and version) or by a
 * {@link cn.healthcard.crypto.device.DerivedKey} computed inside it; key material leaves only wrapped under a
 * key-encryption key or an SM2 envelope. The default adapter is a software device with an encrypted keystore file; a
 * production deployment plugs an HSM adapter behind {@link cn.healthcard.crypto.device.CryptoDevice}. See
 * {@code docs/decisions/011-crypto-device.md}.
 */
@org.springframework.modulith.NamedInterface("device")
package cn.healthcard.crypto.device;
