package cn.healthcard.crypto.device;

/** Where a stored key is in its lifecycle (KEY-02). */
public enum KeyState {
    /** In use for every operation its usage allows. */
    ACTIVE,
    /**
     * Kept to read what it protected: decrypt, verify, unwrap and HMAC work; encrypt, sign, derive and export are
     * refused. Not chosen by {@code currentKey}.
     */
    ARCHIVED,
    /** The key material is erased from the device; only the metadata remains, every operation is refused. */
    DESTROYED
}
