package cn.healthcard.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Legacy keys of personal data at rest, for the migration into the crypto device only (decision 017):
 * {@code healthcard.crypto.personal-data-key} and {@code healthcard.crypto.blind-index-key}, 32 hexadecimal characters
 * (128-bit keys), as deployments before the device configured them. When the device has no key of a label yet, a
 * configured key is imported as version 1 of that label (so data encrypted before keeps decrypting and blind indexes
 * keep their values); without one the device generates the key. Once imported, a key should be removed from the
 * configuration: the device checks that a configured key still equals its version 1 and refuses to start otherwise.
 *
 * <p>The default profile configures the public demo keys (development and tests, so existing data keeps working);
 * {@link #usesDemoKeys()} lets the production configuration refuse them. Blank means unset. Invalid keys fail
 * start-up. {@link #toString()} never shows key material.
 *
 * @param personalDataKey the legacy SM4 key for personal data at rest, or null
 * @param blindIndexKey   the legacy HMAC-SM3 key for blind indexes, or null; must differ from {@code personalDataKey}
 */
@ConfigurationProperties("healthcard.crypto")
public record CryptoProperties(String personalDataKey, String blindIndexKey) {

    /** The demo personal-data key, public in the source code: never for production. */
    public static final String DEMO_PERSONAL_DATA_KEY = "5ed4fa455f42aa2c367a0243b91f8fee";

    /** The demo blind-index key, public in the source code: never for production. */
    public static final String DEMO_BLIND_INDEX_KEY = "bcf1350692842be2862ceea9aa603d65";

    /**
     * Treats blank keys as unset and validates the others.
     *
     * @throws IllegalArgumentException if a key is not 32 hexadecimal characters, or both keys are the same
     */
    public CryptoProperties {
        personalDataKey = blankToNull(personalDataKey);
        blindIndexKey = blankToNull(blindIndexKey);
        if (personalDataKey != null) {
            HexKeys.require("healthcard.crypto.personal-data-key", personalDataKey);
        }
        if (blindIndexKey != null) {
            HexKeys.require("healthcard.crypto.blind-index-key", blindIndexKey);
        }
        if (personalDataKey != null && personalDataKey.equalsIgnoreCase(blindIndexKey)) {
            throw new IllegalArgumentException(
                    "healthcard.crypto.personal-data-key and healthcard.crypto.blind-index-key must be different keys");
        }
    }

    private static String blankToNull(String key) {
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** The configured legacy key of {@code key}, or null. */
    public String legacyKey(KeyRef key) {
        return key == KeyRef.PERSONAL_DATA ? personalDataKey : blindIndexKey;
    }

    /** Whether either configured key is a public demo key, which a production deployment must refuse. */
    public boolean usesDemoKeys() {
        return DEMO_PERSONAL_DATA_KEY.equalsIgnoreCase(personalDataKey) || DEMO_BLIND_INDEX_KEY.equalsIgnoreCase(blindIndexKey);
    }

    /** Shows which keys are set and whether demo keys are in use, never the keys. */
    @Override
    public String toString() {
        return "CryptoProperties[personalDataKey=" + (personalDataKey == null ? "unset" : "****") + ", blindIndexKey="
                + (blindIndexKey == null ? "unset" : "****") + ", demoKeys=" + usesDemoKeys() + "]";
    }
}
