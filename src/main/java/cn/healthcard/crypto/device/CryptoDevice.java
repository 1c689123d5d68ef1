package cn.healthcard.crypto.device;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A cryptographic device after the SDF interface of GM/T 0018 (KEY-03, PER-05): it generates, holds, derives, wraps
 * and uses keys; callers name keys, never hold them. Key material leaves only wrapped under a key-encryption key
 * ({@link #exportKey}) or, for key-encryption keys, in an SM2 envelope ({@link #exportKeyEnvelope}); no method returns
 * raw key bytes and no implementation logs them.
 *
 * <p>Algorithms and formats: SM4 (GB/T 32907, 128-bit keys); SM3 (GB/T 32905); SM2 (GB/T 32918, curve sm2p256v1)
 * with public keys as 65 bytes {@code 04 || x || y}, signatures as 64 bytes {@code r || s} over the SM3 digest of
 * {@code Z || message} where Z hashes the signer ID (default {@value #DEFAULT_SIGNER_ID}), and ciphertexts in the
 * order {@code C1 || C3 || C2} of GM/T 0003 ({@code C1 = 04 || x1 || y1}, 65 bytes; {@code C3} the 32-byte SM3 hash;
 * {@code C2} as long as the plaintext).
 *
 * <p>The device fails with {@link cn.healthcard.crypto.CryptoException} when a key is unknown, destroyed, archived
 * for an operation that needs an active key, of the wrong type or usage, or when a ciphertext does not decrypt; and
 * with {@link IllegalArgumentException} for malformed input (wrong lengths, partial blocks).
 *
 * <p>The adapter of the default run is a software device (BouncyCastle, keys encrypted in a keystore file);
 * {@code docs/decisions/011-crypto-device.md} says what an HSM adapter must implement, and how labels map to an HSM.
 */
public interface CryptoDevice {

    /** The signer ID that GM/T 0009 prescribes when the parties agree no other. */
    String DEFAULT_SIGNER_ID = "1234567812345678";

    /** The label of the device's own key-encryption key (SM4, {@link KeyUsage#KEY_ENCRYPTION}), created at first start. */
    String KEK_LABEL = "device.kek";

    /** The label of the device's SM2 transport key pair ({@link KeyUsage#KEY_TRANSPORT}), created at first start. */
    String TRANSPORT_LABEL = "device.transport";

    // ---------------------------------------------------------------- key management

    /**
     * Generates a random 128-bit SM4 key as the next version of {@code label} (version 1 for a new label).
     *
     * @param usage {@link KeyUsage#DATA}, {@link KeyUsage#DERIVATION} or {@link KeyUsage#KEY_ENCRYPTION}
     */
    KeyInfo generateSymmetricKey(String label, KeyUsage usage);

    /**
     * Generates an SM2 key pair as the next version of {@code label}; the private key stays in the device, the public
     * key is available through {@link #publicKey(KeyId)}.
     *
     * @param usage {@link KeyUsage#SIGNATURE}, {@link KeyUsage#DATA} (encryption) or {@link KeyUsage#KEY_TRANSPORT}
     */
    KeyInfo generateSm2KeyPair(String label, KeyUsage usage);

    /**
     * Derives an SM4 key from {@code parent} by {@code child = SM4-ECB(parent, f || ~f)} and stores it as the next
     * version of {@code label}: a provincial or city root key of the three-level hierarchy (KEY-01). For keys that
     * need not be stored (a resident's e-card user key), use a {@link DerivedKey} handle instead.
     *
     * @param diversification {@code f}, 8 bytes
     * @param usage           {@link KeyUsage#DERIVATION} for a root of the next level, or {@link KeyUsage#DATA}
     */
    KeyInfo deriveKey(KeyHandle parent, byte[] diversification, String label, KeyUsage usage);

    /**
     * Exports a stored key wrapped under the key-encryption key {@code kek} (SM4-GCM, metadata authenticated).
     * Destroyed and archived keys are not exported.
     */
    WrappedKey exportKey(KeyId key, KeyId kek);

    /**
     * Exports a key the device derives from its root on the fly (a card's application key from a city's level-3
     * root) wrapped under {@code kek}, as the stored key {@code as} of {@code usage} on the importing device. The
     * key is computed inside the device and leaves it only wrapped; its root must be an active DERIVATION key.
     *
     * @param usage {@link KeyUsage#DATA} or {@link KeyUsage#DERIVATION}
     */
    WrappedKey exportKey(DerivedKey key, KeyId as, KeyUsage usage, KeyId kek);

    /** Exports {@code key} wrapped under the current version of the device's own KEK {@value #KEK_LABEL}. */
    default WrappedKey exportKey(KeyId key) {
        return exportKey(key, currentKey(KEK_LABEL));
    }

    /**
     * Imports a wrapped key under this device's key-encryption key {@code kek}, keeping its label, version, type and
     * usage. {@code kek} must hold the same key as the exporting device's KEK (same check value); the import fails if
     * the device already has a key with that label and version.
     */
    KeyInfo importKey(WrappedKey wrapped, KeyId kek);

    /** Imports {@code wrapped} under the key that has the same label and version here as the KEK it names. */
    default KeyInfo importKey(WrappedKey wrapped) {
        return importKey(wrapped, wrapped.kek());
    }

    /**
     * Sends a key-encryption key to another device: the 16 key bytes SM2-encrypted (C1C3C2) to the recipient's
     * transport public key (GM/T 0018 {@code SDF_GenerateKeyWithEPK_ECC}, for an existing key). Only keys of usage
     * {@link KeyUsage#KEY_ENCRYPTION} travel this way; every other key travels wrapped under a shared KEK.
     *
     * @param recipientPublicKey the recipient's transport public key, {@code 04 || x || y}
     */
    byte[] exportKeyEnvelope(KeyId kek, byte[] recipientPublicKey);

    /**
     * Receives a key-encryption key sent in an SM2 envelope to this device's transport key pair (GM/T 0018
     * {@code SDF_ImportKeyWithISK_ECC}), and stores it as the next version of {@code label} with usage
     * {@link KeyUsage#KEY_ENCRYPTION}. This is how two devices come to share a KEK, or how a key-management centre
     * hands its transport KEK to this device.
     *
     * @param transportKey an SM2 key pair of usage {@link KeyUsage#KEY_TRANSPORT}, e.g. {@value #TRANSPORT_LABEL}
     */
    KeyInfo importKeyEnvelope(KeyId transportKey, byte[] envelope, String label);

    /**
     * Splits a stored SM4 key into {@code count} components for backup (KEY-02): {@code count - 1} random 16-byte
     * values and the XOR of the key with all of them, so that only all components together give the key (n of n).
     * Each component leaves wrapped under the key-encryption key {@code kek} ({@link KeyComponent.UnderKek}), carrying
     * its own check value and the key's; hand it to its custodian with {@link #sealComponent}. Active and archived keys
     * can be split (an archived key still has data to read); destroyed keys and SM2 keys cannot.
     *
     * @param setId names the backup; bound to every component
     * @param count 2 … {@value KeyComponent#MAX_COUNT}
     */
    List<KeyComponent> splitKey(KeyId key, String setId, int count, KeyId kek);

    /**
     * Hands a component over to its custodian: unwraps it from under a KEK of this device and wraps it under a key
     * derived from {@code secret} (PBKDF2-HMAC-SM3 with a random salt, {@link KeyComponent.UnderSecret}). Neither the
     * secret nor the derived key is kept; the caller should erase {@code secret} afterwards.
     *
     * @param secret the custodian's secret, at least 8 characters
     */
    KeyComponent sealComponent(KeyComponent component, char[] secret);

    /**
     * Takes a component back from its custodian for a recovery: unwraps it with {@code secret} and wraps it under
     * this device's key-encryption key {@code kek}.
     *
     * @throws cn.healthcard.crypto.CryptoException if the secret is wrong or the component was altered (it does not
     *                                              authenticate), or it does not have its check value
     */
    KeyComponent openComponent(KeyComponent component, char[] secret, KeyId kek);

    /**
     * Restores a key from all its components, each wrapped under a key-encryption key of this device (as
     * {@link #splitKey} and {@link #openComponent} give them). The components must be exactly those of one set: the
     * same key, set and count, every number from 1 to {@code count} once, each with its check value; their XOR must
     * have the key's check value. Then:
     * <ul>
     *   <li>if the device has no key with that label and version, the key is stored under it, active, origin
     *       {@link KeyOrigin#RECOVERED} (a new device after the loss of the old one);</li>
     *   <li>if it holds that key destroyed, with the same check value, the key is restored in its place;</li>
     *   <li>if it holds the same key (same check value), nothing changes: the components are verified.</li>
     * </ul>
     * Nothing changes when any check fails.
     *
     * @throws cn.healthcard.crypto.CryptoException if a component is missing, repeated, of another key or set, does
     *                                              not unwrap, or the components do not give the key; or if the device
     *                                              holds another key under that label and version
     */
    KeyInfo restoreKey(List<KeyComponent> components);

    /** Metadata of every stored key, in label and version order (destroyed keys included). */
    List<KeyInfo> listKeys();

    /**
     * Metadata of every version of {@code label}, oldest first (destroyed ones included; empty for a label the device
     * does not hold, or that is not a label). A lookup of one label, not a scan of the keystore: the hot paths (the
     * current version of an e-card key, the versions a QR validity may have been made under) ask it on every call.
     * A label the device does not hold is looked for again in a shared keystore before the answer is empty, as
     * {@link #currentKey} does (another node may just have made it, decision 011).
     */
    List<KeyInfo> versions(String label);

    /** Metadata of a stored key, if the device has it. */
    Optional<KeyInfo> keyInfo(KeyId key);

    /**
     * The highest active version of {@code label}.
     *
     * @throws cn.healthcard.crypto.CryptoException if the device has no active key with that label
     */
    KeyId currentKey(String label);

    /**
     * The key check value, 8 upper-case hex digits: of an SM4 key the first 4 bytes of {@code SM4-ECB(key, 0^16)};
     * of an SM2 key pair the first 4 bytes of {@code SM3(public key)}. Operators compare it to confirm that two
     * parties hold the same key without revealing it.
     */
    String keyCheckValue(KeyHandle key);

    /** The SM2 public key, {@code 04 || x || y} (65 bytes). */
    byte[] publicKey(KeyId key);

    /** Archives a stored key: it keeps decrypting and verifying what it protected, but does no new work. */
    KeyInfo archive(KeyId key);

    /** Destroys a stored key: its material is erased for good, its metadata stays listed. */
    KeyInfo destroy(KeyId key);

    // ---------------------------------------------------------------- SM4

    /** SM4-ECB without padding: {@code data} must be whole 16-byte blocks. The e-card algorithms use this mode. */
    byte[] sm4EncryptEcb(KeyHandle key, byte[] data);

    /** Reverses {@link #sm4EncryptEcb}. */
    byte[] sm4DecryptEcb(KeyHandle key, byte[] data);

    /** SM4-CBC without padding under a 16-byte {@code iv}: {@code data} must be whole 16-byte blocks. */
    byte[] sm4EncryptCbc(KeyHandle key, byte[] iv, byte[] data);

    /** Reverses {@link #sm4EncryptCbc}. */
    byte[] sm4DecryptCbc(KeyHandle key, byte[] iv, byte[] data);

    /**
     * SM4-GCM under a fresh random 12-byte IV, authenticating {@code aad} with the data.
     *
     * @param aad additional authenticated data, may be empty
     * @return {@code iv || ciphertext || tag} (12 + data length + 16 bytes)
     */
    byte[] sm4EncryptGcm(KeyHandle key, byte[] aad, byte[] plaintext);

    /**
     * Reverses {@link #sm4EncryptGcm}.
     *
     * @throws cn.healthcard.crypto.CryptoException if the ciphertext or {@code aad} does not authenticate
     */
    byte[] sm4DecryptGcm(KeyHandle key, byte[] aad, byte[] ciphertext);

    // ---------------------------------------------------------------- SM3

    /** The SM3 digest (32 bytes). Needs no key. */
    byte[] sm3(byte[] data);

    /** HMAC-SM3 (32 bytes) under an SM4-sized key of usage {@link KeyUsage#DATA}. */
    byte[] hmacSm3(KeyHandle key, byte[] data);

    // ---------------------------------------------------------------- SM2

    /** Signs {@code message} with the signer ID {@code signerId}: 64 bytes {@code r || s}. */
    byte[] sm2Sign(KeyId key, byte[] signerId, byte[] message);

    /** Signs {@code message} with the default signer ID {@value #DEFAULT_SIGNER_ID}. */
    default byte[] sm2Sign(KeyId key, byte[] message) {
        return sm2Sign(key, defaultSignerId(), message);
    }

    /** Whether {@code signature} ({@code r || s}) is the signature of {@code message} by {@code signerId}'s key. */
    boolean sm2Verify(byte[] publicKey, byte[] signerId, byte[] message, byte[] signature);

    /** Verifies with the default signer ID {@value #DEFAULT_SIGNER_ID}. */
    default boolean sm2Verify(byte[] publicKey, byte[] message, byte[] signature) {
        return sm2Verify(publicKey, defaultSignerId(), message, signature);
    }

    /** Encrypts to an SM2 public key: {@code C1 || C3 || C2}. Needs no key of the device. */
    byte[] sm2Encrypt(byte[] publicKey, byte[] plaintext);

    /** Decrypts {@code C1 || C3 || C2} with a key pair of usage {@link KeyUsage#DATA}. */
    byte[] sm2Decrypt(KeyId key, byte[] ciphertext);

    /** The default signer ID as bytes (ASCII of {@value #DEFAULT_SIGNER_ID}). */
    static byte[] defaultSignerId() {
        return DEFAULT_SIGNER_ID.getBytes(StandardCharsets.US_ASCII);
    }
}
