package cn.healthcard.crypto.device;

/** The algorithm of a key in the device. */
public enum KeyType {
    /** A 128-bit SM4 key (GB/T 32907). */
    SM4,
    /** An SM2 key pair on the curve sm2p256v1 (GB/T 32918); the private key never leaves the device in plaintext. */
    SM2
}
