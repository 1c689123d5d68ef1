package cn.healthcard.crypto;

/**
 * The application's use of the cryptographic device (GM/T 0018 style, KEY-03, PER-05) for personal data at rest and
 * digests: SM3, and SM4 and HMAC-SM3 under keys the device holds and callers address by {@link KeyRef} only
 * (decisions 003, 017). Each {@link KeyRef} is a label with versions: {@link #encrypt} uses the current version,
 * names it in the ciphertext and binds the ciphertext to the value's place (decision 022); {@link #decrypt} reads
 * every version the device still holds (active or archived).
 */
public interface CryptoPort {

    /** The SM3 digest (32 bytes) of {@code data}. */
    byte[] sm3(byte[] data);

    /** The HMAC-SM3 (32 bytes) of {@code data} under the current version of {@code key}. */
    byte[] hmacSm3(KeyRef key, byte[] data);

    /**
     * Encrypts with SM4-GCM under the current version of {@code key} and a fresh random 12-byte IV, bound to where the
     * value is stored (decision 022).
     *
     * @param binding the encoded place of the value ({@link PersonalDataBinding#encoded()}): authenticated with the
     *                data, not stored, so the ciphertext decrypts only with the same binding
     * @return {@code "HCP2" || version (2 bytes) || iv || ciphertext || tag} (18 + plaintext length + 16 bytes); the
     * GCM additional data is the 6-byte header followed by {@code binding}
     */
    byte[] encrypt(KeyRef key, byte[] plaintext, byte[] binding);

    /**
     * Decrypts the output of {@link #encrypt(KeyRef, byte[], byte[])} under the version it names and the same
     * {@code binding}; an unbound ciphertext ({@link #isBound} false: {@code "HCP1"} header of decision 017, or a
     * legacy one without header under version 1) is read without binding — the caller decides whether to accept it.
     *
     * @throws CryptoException if the data is too short, its key version is destroyed, or it does not authenticate
     *                         (for a bound ciphertext: also when it was bound to another place)
     */
    byte[] decrypt(KeyRef key, byte[] ciphertext, byte[] binding);

    /** Whether {@code ciphertext} is bound to its place ({@code "HCP2"} header, decision 022). */
    boolean isBound(byte[] ciphertext);

    /** The version of {@code key} that {@link #encrypt} uses now. */
    int currentVersion(KeyRef key);

    /** The version of {@code key} a ciphertext names ({@code HCP1}, {@code HCP2}); 1 for a legacy one (no header). */
    int keyVersion(KeyRef key, byte[] ciphertext);

    /**
     * Whether a version of a {@link KeyRef} key that the device still holds is a public demo key (imported from the
     * demo configuration): a production deployment must refuse that, even once the configuration no longer names it.
     */
    boolean usesDemoKeys();
}
