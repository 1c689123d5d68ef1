package cn.healthcard.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The software keys of the default crypto adapter, as 32 hexadecimal characters (128-bit SM4 keys):
 * {@code healthcard.crypto.personal-data-key} and {@code healthcard.crypto.blind-index-key}.
 *
 * <p>Unset keys default to the public demo keys, which are fine for development and tests only:
 * {@link #usesDemoKeys()} lets the production configuration refuse them. Invalid keys fail start-up.
 * {@link #toString()} never shows key material.
 *
 * @param personalDataKey the SM4 key for personal data at rest
 * @param blindIndexKey   the HMAC-SM3 key for blind indexes; must differ from {@code personalDataKey}
 */
@ConfigurationProperties("healthcard.crypto")
public record CryptoProperties(String personalDataKey, String blindIndexKey) {

    /** The demo personal-data key, public in the source code: never for production. */
    public static final String DEMO_PERSONAL_DATA_KEY = "5ed4fa455f42aa2c367a0243b91f8fee";

    /** The demo blind-index key, public in the source code: never for production. */
    public static final String DEMO_BLIND_INDEX_KEY = "bcf1350692842be2862ceea9aa603d65";

    /**
     * Applies the demo defaults to unset keys and validates both.
     *
     * @throws IllegalArgumentException if a key is not 32 hexadecimal characters, or both keys are the same
     */
    public CryptoProperties {
        personalDataKey = personalDataKey == null ? DEMO_PERSONAL_DATA_KEY : personalDataKey.strip();
        blindIndexKey = blindIndexKey == null ? DEMO_BLIND_INDEX_KEY : blindIndexKey.strip();
        HexKeys.require("healthcard.crypto.personal-data-key", personalDataKey);
        HexKeys.require("healthcard.crypto.blind-index-key", blindIndexKey);
        if (personalDataKey.equalsIgnoreCase(blindIndexKey)) {
            throw new IllegalArgumentException(
                    "healthcard.crypto.personal-data-key and healthcard.crypto.blind-index-key must be different keys");
        }
    }

    /** Whether either key is a public demo key, which a production deployment must refuse. */
    public boolean usesDemoKeys() {
        return personalDataKey.equalsIgnoreCase(DEMO_PERSONAL_DATA_KEY) || blindIndexKey.equalsIgnoreCase(DEMO_BLIND_INDEX_KEY);
    }

    /** Shows whether demo keys are in use, never the keys. */
    @Override
    public String toString() {
        return "CryptoProperties[personalDataKey=****, blindIndexKey=****, demoKeys=" + usesDemoKeys() + "]";
    }
}
