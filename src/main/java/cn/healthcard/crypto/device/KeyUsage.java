package cn.healthcard.crypto.device;

/**
 * What a key may do; the device refuses every other use. Keeping key-encryption and transport keys away from data
 * operations is what keeps wrapped keys wrapped: a KEK that could also "decrypt data" would unwrap any exported key.
 */
public enum KeyUsage {
    /** SM4: encrypt and decrypt data (ECB, CBC, GCM) and HMAC-SM3. SM2: encrypt to the key pair and decrypt. */
    DATA(true, true),
    /** SM4: a root key from which keys are derived ({@link DerivedKey}, {@code deriveKey}); no data operations. */
    DERIVATION(true, false),
    /** SM4: a key-encryption key (KEK) that wraps keys for export and unwraps them on import; nothing else. */
    KEY_ENCRYPTION(true, false),
    /** SM2: signs (SM3 with the Z value of the signer ID); anyone may verify with the public key. */
    SIGNATURE(false, true),
    /** SM2: receives key-encryption keys sent to the device in an SM2 envelope; nothing else. */
    KEY_TRANSPORT(false, true);

    private final boolean sm4;
    private final boolean sm2;

    KeyUsage(boolean sm4, boolean sm2) {
        this.sm4 = sm4;
        this.sm2 = sm2;
    }

    /** Whether a key of {@code type} can have this usage. */
    public boolean allows(KeyType type) {
        return type == KeyType.SM4 ? sm4 : sm2;
    }
}
