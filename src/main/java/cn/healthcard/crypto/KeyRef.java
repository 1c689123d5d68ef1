package cn.healthcard.crypto;

/** A key held by the cryptographic device, addressed by reference; the key material never leaves the device. */
public enum KeyRef {
    /** SM4 key that encrypts personal data at rest. */
    PERSONAL_DATA,
    /** HMAC-SM3 key that computes blind indexes for searching encrypted data. */
    BLIND_INDEX
}
