package cn.healthcard.crypto;

/**
 * A key of the personal data at rest (decision 003), held by the crypto device under a label with versions
 * (decision 017); callers address it by reference, the key material never leaves the device.
 */
public enum KeyRef {
    /** SM4 key that encrypts personal data at rest (SM4-GCM); a new version re-encrypts, old versions still decrypt. */
    PERSONAL_DATA("pd.personal-data"),
    /** HMAC-SM3 key that computes blind indexes for searching encrypted data; one version only (no re-indexing yet). */
    BLIND_INDEX("pd.blind-index");

    private final String label;

    KeyRef(String label) {
        this.label = label;
    }

    /** The key's label on the crypto device. */
    public String label() {
        return label;
    }
}
