package cn.healthcard.crypto.device;

/** How a stored key came into the device. */
public enum KeyOrigin {
    /** Generated inside the device from its random generator. */
    GENERATED,
    /** Derived inside the device from a parent key by the diversification rule. */
    DERIVED,
    /** Imported wrapped under a key-encryption key, or in an SM2 envelope. */
    IMPORTED,
    /** Put together again from the components of a backup ({@link CryptoDevice#restoreKey}). */
    RECOVERED
}
