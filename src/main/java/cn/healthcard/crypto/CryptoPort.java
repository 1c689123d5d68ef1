package cn.healthcard.crypto;

/**
 * The cryptographic device (GM/T 0018 style, KEY-03): national commercial algorithms SM3 and SM4 with keys that the
 * device holds and that callers address by {@link KeyRef} only. A production HSM adapter implements this port; the
 * default implementation is a software adapter on BouncyCastle.
 */
public interface CryptoPort {

    /** The SM3 digest (32 bytes) of {@code data}. */
    byte[] sm3(byte[] data);

    /** The HMAC-SM3 (32 bytes) of {@code data} under {@code key}. */
    byte[] hmacSm3(KeyRef key, byte[] data);

    /**
     * Encrypts with SM4-GCM under {@code key} and a fresh random 12-byte IV.
     *
     * @return {@code iv || ciphertext || tag} (12 + plaintext length + 16 bytes)
     */
    byte[] encrypt(KeyRef key, byte[] plaintext);

    /**
     * Decrypts the output of {@link #encrypt(KeyRef, byte[])}.
     *
     * @throws CryptoException if the data is too short or does not authenticate under {@code key}
     */
    byte[] decrypt(KeyRef key, byte[] ciphertext);
}
